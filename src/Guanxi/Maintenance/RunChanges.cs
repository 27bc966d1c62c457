using System.Linq.Expressions;
using Guanxi.Data;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Models;
using Guanxi.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Maintenance;

/// <summary>A customer whose class in a model differs from the run before (or who was not in it): their new class and owner.</summary>
internal readonly record struct Entered(long CustomerId, string Class, long? OwnerId);

/// <summary>A member of a playbook's layer whose last contact is older than the playbook's cadence (or who was never contacted).</summary>
internal readonly record struct Lapsed(long CustomerId, long? OwnerId);

/// <summary>
/// What a model run means for the built-in models playbooks act on: per model, the customers who entered a class and the
/// flows between classes (for evaluation); per playbook, the members of its class whose contact lapsed. One pass over the
/// run joined to the run before and to the contact rollups — a million rows streamed once — instead of a scan per model
/// for entering, per model for flows and per playbook for lapsed members (sixteen scans of the run at a million customers).
/// </summary>
internal sealed class RunChanges
{
    public required IReadOnlyDictionary<string, List<Entered>> Entering { get; init; }
    public required IReadOnlyDictionary<string, List<LayerFlow>> Flows { get; init; }
    public required IReadOnlyDictionary<long, List<Lapsed>> LapsedByPlaybook { get; init; }

    /// <summary>The run's row, the previous run's row of the same customer (or none), and the customer's owner.</summary>
    private sealed class RunPair
    {
        public ModelResultRow Now { get; init; } = null!;
        public ModelResultRow? Before { get; init; }
        public long? OwnerId { get; init; }
        public bool Known { get; init; }
        public DateTime? LastContactAt { get; init; }
    }

    private sealed class PairRow
    {
        public long CustomerId { get; init; }
        public long? OwnerId { get; init; }
        public bool Known { get; init; }
        public DateTime? LastContactAt { get; init; }
        public int Frequency { get; init; }
        public long Cents { get; init; }
        public int OldFrequency { get; init; }
        public long OldCents { get; init; }
        public short?[] Now { get; init; } = [];
        public short?[] Before { get; init; } = [];
    }

    /// <summary>A playbook's class in its model's column and the day before which a contact has lapsed.</summary>
    private readonly record struct Layer(long PlaybookId, short? Class, DateTime Cutoff);

    /// <param name="models">The built-in models to read.</param>
    /// <param name="playbooks">The playbooks on those models whose lapsed members are wanted (their cadence counts back from <paramref name="today"/>).</param>
    public static async Task<RunChanges> ReadAsync(
        GuanxiDbContext db, ModelRun run, long? previousId, IReadOnlyList<string> models, IReadOnlyList<Playbook> playbooks, DateOnly today, CancellationToken ct)
    {
        long prev = previousId ?? -1;
        var catalog = models.Select(ModelCatalog.Get).ToList();
        var entering = catalog.ToDictionary(m => m.Key, _ => new List<Entered>(), StringComparer.Ordinal);
        var counts = catalog.Select(_ => new Dictionary<(short?, short?), (int N, int Buyers, long Cents)>()).ToList();
        var layers = catalog.Select(m => playbooks.Where(p => p.ModelKey == m.Key)
            .Select(p => new Layer(p.Id, (short?)m.IndexOf(p.ClassKey), today.AddDays(-p.CadenceDays).ToDateTime(TimeOnly.MinValue))).ToArray()).ToList();
        var lapsed = playbooks.ToDictionary(p => p.Id, _ => new List<Lapsed>());
        if (catalog.Count > 0)
        {
            var pairs =
                from r in db.ModelResults.AsNoTracking()
                where r.RunId == run.Id
                from c in db.Customers.Where(c => c.Id == r.CustomerId).DefaultIfEmpty()
                from roll in db.CustomerRollups.Where(x => x.CustomerId == r.CustomerId).DefaultIfEmpty()
                from o in db.ModelResults.Where(o => o.RunId == prev && o.CustomerId == r.CustomerId).DefaultIfEmpty()
                select new RunPair { Now = r, Before = o, OwnerId = c == null ? null : c.OwnerId, Known = c != null, LastContactAt = roll == null ? null : roll.LastContactAt };
            // EF writes the SQL (the join, and the access filter of whoever asks); the rows are read by position into two
            // reused arrays: a million rows materialised as objects with two arrays each was most of an application's
            // time (the pass took 9 s at load 10, the same SQL 2.9 s in sqlite3).
            await db.Database.OpenConnectionAsync(ct);
            await using var command = pairs.Select(Projection(catalog.Select(m => ModelQueries.PropertyOf(m.Key)).ToArray())).CreateDbCommand();
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(ct);
            int n = catalog.Count;
            // The classes arrive as one column each (SQLite) or as two arrays (PostgreSQL builds ARRAY[…] from them).
            bool arrays = typeof(Array).IsAssignableFrom(reader.GetFieldType(PairColumns));
            if (reader.FieldCount != PairColumns + (arrays ? 2 : 2 * n))
                throw new InvalidOperationException($"The run pair query returned {reader.FieldCount} columns for {n} models: {string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(c => reader.GetName(c) + " " + reader.GetFieldType(c).Name))}.");
            var nowClasses = new short?[n];
            var beforeClasses = new short?[n];
            while (await reader.ReadAsync(ct))
            {
                long customerId = reader.GetInt64(0);
                long? ownerId = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                bool known = reader.GetBoolean(2);
                DateTime? lastContactAt = reader.IsDBNull(3) ? null : reader.GetDateTime(3);
                int frequency = reader.GetInt32(4), oldFrequency = reader.GetInt32(6);
                long cents = reader.GetInt64(5), oldCents = reader.GetInt64(7);
                if (arrays)
                {
                    nowClasses = reader.GetFieldValue<short?[]>(PairColumns);
                    beforeClasses = reader.IsDBNull(PairColumns + 1) ? new short?[n] : reader.GetFieldValue<short?[]>(PairColumns + 1);
                }
                else
                {
                    for (int i = 0; i < n; i++)
                    {
                        nowClasses[i] = reader.IsDBNull(PairColumns + i) ? null : reader.GetInt16(PairColumns + i);
                        beforeClasses[i] = reader.IsDBNull(PairColumns + n + i) ? null : reader.GetInt16(PairColumns + n + i);
                    }
                }
                for (int i = 0; i < n; i++)
                {
                    var (now, before) = (nowClasses[i], beforeClasses[i]);
                    var key = (before, now);
                    var (count, buyers, sum) = counts[i].GetValueOrDefault(key);
                    counts[i][key] = (count + 1, buyers + (frequency > oldFrequency ? 1 : 0), sum + cents - oldCents);
                    if (!known || now is null) continue;
                    if (now != before) entering[catalog[i].Key].Add(new Entered(customerId, ModelQueries.Key(catalog[i], now)!, ownerId));
                    foreach (var layer in layers[i])
                    {
                        if (layer.Class == now && (lastContactAt is not { } last || last < layer.Cutoff))
                            lapsed[layer.PlaybookId].Add(new Lapsed(customerId, ownerId));
                    }
                }
            }
        }
        var flows = catalog.Select((m, i) => (m.Key, counts[i].Select(f => new LayerFlow
        {
            RunId = run.Id, AsOf = run.AsOf, ModelKey = m.Key,
            FromClass = ModelQueries.Key(m, f.Key.Item1) ?? LayerFlow.None, ToClass = ModelQueries.Key(m, f.Key.Item2) ?? LayerFlow.None,
            Customers = f.Value.N, Buyers = f.Value.Buyers, RevenueCents = f.Value.Cents,
        }).ToList())).ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal);
        return new RunChanges { Entering = entering, Flows = flows, LapsedByPlaybook = lapsed };
    }

    /// <summary>The scalar columns before the models' classes in <see cref="Projection"/>, in its order.</summary>
    private const int PairColumns = 8;

    /// <summary>
    /// p => new PairRow { …, Now = [p.Now.A, p.Now.B, …], Before = [p.Before.A, …] } for the models' columns: the SQL's
    /// column list, in this order (the reader takes them by position; a changed count is an error, not a silent shift).
    /// </summary>
    private static Expression<Func<RunPair, PairRow>> Projection(string[] properties)
    {
        var p = Expression.Parameter(typeof(RunPair), "p");
        var now = Expression.Property(p, nameof(RunPair.Now));
        var before = Expression.Property(p, nameof(RunPair.Before));
        var noBefore = Expression.Equal(before, Expression.Constant(null, typeof(ModelResultRow)));
        Expression Column(Expression row, string property) =>
            Expression.Call(typeof(EF), nameof(EF.Property), [typeof(short?)], row, Expression.Constant(property));
        Expression OrZero<T>(string property) =>
            Expression.Condition(noBefore, Expression.Constant(default(T), typeof(T)), Expression.Property(before, property));
        var body = Expression.MemberInit(Expression.New(typeof(PairRow)),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.CustomerId))!, Expression.Property(now, nameof(ModelResultRow.CustomerId))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.OwnerId))!, Expression.Property(p, nameof(RunPair.OwnerId))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.Known))!, Expression.Property(p, nameof(RunPair.Known))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.LastContactAt))!, Expression.Property(p, nameof(RunPair.LastContactAt))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.Frequency))!, Expression.Property(now, nameof(ModelResultRow.Frequency))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.Cents))!, Expression.Property(now, nameof(ModelResultRow.MonetaryCents))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.OldFrequency))!, OrZero<int>(nameof(ModelResultRow.Frequency))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.OldCents))!, OrZero<long>(nameof(ModelResultRow.MonetaryCents))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.Now))!,
                Expression.NewArrayInit(typeof(short?), properties.Select(x => Column(now, x)))),
            Expression.Bind(typeof(PairRow).GetProperty(nameof(PairRow.Before))!,
                Expression.NewArrayInit(typeof(short?), properties.Select(x => Column(before, x)))));
        return Expression.Lambda<Func<RunPair, PairRow>>(body, p);
    }
}
