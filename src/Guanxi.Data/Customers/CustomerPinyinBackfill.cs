using System.Globalization;
using System.Text;
using Guanxi.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Data.Customers;

/// <summary>
/// Gives customers written before pinyin search (or by raw SQL) their pinyin and initials (decision 0021). The migration
/// PinyinSearch adds the columns empty; the reading table lives in C#, so the fill runs after every upgrade: customers
/// with a name and no pinyin, in id order, a batch per transaction, one UPDATE … FROM (VALUES …) per 500 rows. With
/// nothing to fill it is one index seek. Derived data: no version bump, no audit row. A name without any reading
/// ("---") stays empty and is looked at again on the next start, which changes nothing.
/// </summary>
public static class CustomerPinyinBackfill
{
    private const int Batch = 5000;
    private const int RowsPerStatement = 500;

    /// <summary>Fills missing pinyin; returns the number of customers filled.</summary>
    public static async Task<int> RunAsync(DatabaseTarget target, CancellationToken ct = default)
    {
        await using var db = new GuanxiDbContext(GuanxiDatabase.Options(target));
        long after = 0;
        var filled = 0;
        while (true)
        {
            var last = after;
            var batch = await db.Customers.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.NamePinyin == "" && c.NameInitials == "" && c.Id > last)
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) return filled;
            after = batch[^1].Id;
            var rows = batch.Select(c => (c.Id, Reading: Pinyin.Of(c.Name))).Where(r => r.Reading.Full.Length > 0).ToList();
            if (rows.Count == 0) continue;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var chunk in rows.Chunk(RowsPerStatement)) await UpdateAsync(db, chunk, ct);
            await tx.CommitAsync(ct);
            filled += rows.Count;
        }
    }

    /// <summary>
    /// One statement for a chunk: VALUES names its columns column1…column3 on both SQLite and PostgreSQL; every value is
    /// a parameter.
    /// </summary>
    private static Task<int> UpdateAsync(GuanxiDbContext db, (long Id, PinyinReading Reading)[] chunk, CancellationToken ct)
    {
        var sql = new StringBuilder("UPDATE customers SET name_pinyin = v.column2, name_initials = v.column3 FROM (VALUES ");
        var parameters = new object[chunk.Length * 3];
        for (var i = 0; i < chunk.Length; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append(CultureInfo.InvariantCulture, $"({{{i * 3}}}, {{{i * 3 + 1}}}, {{{i * 3 + 2}}})");
            parameters[i * 3] = chunk[i].Id;
            parameters[i * 3 + 1] = chunk[i].Reading.Full;
            parameters[i * 3 + 2] = chunk[i].Reading.Initials;
        }
        sql.Append(") AS v WHERE customers.id = v.column1");
        return db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }
}
