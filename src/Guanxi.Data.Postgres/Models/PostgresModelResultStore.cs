using Guanxi.Data.Bulk;
using Guanxi.Data.Models;
using Guanxi.Data.Postgres.Bulk;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Guanxi.Data.Postgres.Models;

/// <summary>PostgreSQL's result store: binary COPY encoded by <see cref="PgCopyRows"/>, two slices at once.</summary>
public sealed class PostgresModelResultStore(IDbContextFactory<GuanxiDbContext> contexts, PostgresBulkInsert bulk) : ModelResultStore(contexts, bulk)
{
    // The synchronous writers: no await for each of the 48 values of a row. Two slices at once: the server parses and
    // indexes each COPY in its own process.
    protected override Task WriteRowsAsync(long runId, ModelResults results, short[][] classes, float[][] scores, CancellationToken ct) =>
        ScanRanges.WriteSlicesAsync(Contexts, results.Count, 2,
            (connection, start, end) => Copy((NpgsqlConnection)connection, runId, results, classes, scores, start, end), ct);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Copy(
        NpgsqlConnection connection, long runId, ModelResults r, short[][] classes, float[][] scores, int start, int end)
    {
        using var copy = PgCopyRows.Begin(connection, $"COPY model_results ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
        short fields = (short)Columns.Length;
        for (int i = start; i < end; i++)
        {
            copy.StartRow(fields);
            copy.Int64(runId);
            copy.Int64(r.CustomerId[i]);
            if (r.RecencyDays[i] == CustomerMetrics.NoDay) copy.Null();
            else copy.Int32(r.RecencyDays[i]);
            copy.Int32(r.Frequency[i]);
            copy.Int64(r.MonetaryCents[i]);
            copy.Int16(r.R[i]);
            copy.Int16(r.F[i]);
            copy.Int16(r.M[i]);
            foreach (var column in classes)
            {
                if (column[i] < 0) copy.Null();
                else copy.Int16(column[i]);
            }

            if (r.RelationshipGap[i] == ModelResults.NoGap) copy.Null();
            else copy.Int16((short)r.RelationshipGap[i]);
            foreach (var column in scores)
            {
                if (float.IsNaN(column[i])) copy.Null();
                else copy.Float4(column[i]);
            }

            Float8OrNull(copy, r.PAlive[i]);
            Float8OrNull(copy, r.ExpectedPurchases30d[i]);
            Float8OrNull(copy, r.ExpectedPurchases90d[i]);
            Float8OrNull(copy, r.ExpectedPurchases365d[i]);
            Float8OrNull(copy, r.ExpectedOrderValue[i]);
            Float8OrNull(copy, r.Clv[i]);
            copy.Int32(r.Referrals[i]);
            copy.Int32(r.ReferralTreeSize[i]);
            copy.Int64(r.ReferralTreeRevenueCents[i]);
        }

        copy.Complete();
    }

    private static void Float8OrNull(PgCopyRows copy, double value)
    {
        if (double.IsNaN(value)) copy.Null();
        else copy.Float8(value);
    }
}
