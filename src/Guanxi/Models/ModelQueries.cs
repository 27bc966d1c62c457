using System.Collections.Concurrent;
using Guanxi.Data.Security;
using System.Text.Json;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Domain.Models;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Models;

public sealed record ModelRunDto(
    long Id, DateOnly AsOf, string Status, string Trigger, DateTime StartedAt, DateTime? FinishedAt, int Customers,
    long LoadMilliseconds, long EvaluateMilliseconds, long StoreMilliseconds, string? Error, string? Warning);

public sealed record ModelClassDto(string Key, string NameEn, string NameZh, int Count);

public sealed record ModelDto(string Key, string NameEn, string NameZh, IReadOnlyList<ModelClassDto> Classes, int NotApplicable);

public sealed record ModelOverviewDto(ModelRunDto? Run, IReadOnlyList<ModelDto> Models, IReadOnlyList<ModelDto> CustomModels);

public sealed record ClassCustomerDto(long Id, string Code, string Name, string? City, decimal Monetary, int Frequency, float? Score);

public sealed record ClassCustomersPage(IReadOnlyList<ClassCustomerDto> Items, string? Next);

public sealed record CustomerClassDto(string Model, string ModelName, string? Class, string? ClassName, float? Score, string Explanation);

public sealed record CustomerModelsDto(
    ModelRunDto? Run, IReadOnlyList<CustomerClassDto> Classes, double? PAlive, double? ExpectedPurchases30d, double? ExpectedPurchases90d,
    double? ExpectedPurchases365d, double? ExpectedOrderValue, double? Clv, int? RelationshipGap, IReadOnlyDictionary<string, string> CustomLabels);

public sealed record CustomerHistoryEntry(long RunId, DateOnly AsOf, IReadOnlyDictionary<string, string?> Classes);

public sealed record MigrationCell(string? From, string? To, int Customers);

public sealed record MigrationMatrixDto(string Model, long FromRun, long ToRun, IReadOnlyList<string> Classes, IReadOnlyList<MigrationCell> Cells);

/// <summary>Customers with recency score <paramref name="R"/> and frequency score <paramref name="F"/> (1–5 each).</summary>
public sealed record RfmCell(int R, int F, int Customers);

/// <summary>The RFM 5 × 5 grid of a run; <paramref name="NotScored"/> customers have no purchase and so no scores.</summary>
public sealed record RfmGridDto(long RunId, IReadOnlyList<RfmCell> Cells, int NotScored);

/// <summary>One run's class sizes of one model; <paramref name="NotApplicable"/> is every customer the model did not class.</summary>
public sealed record ClassTrendPoint(long RunId, DateOnly AsOf, IReadOnlyDictionary<string, int> Classes, int NotApplicable);

public sealed record ClassTrendDto(string Model, IReadOnlyList<ClassTrendPoint> Runs);

/// <summary>
/// Reads stored runs for pages and the API. Customer lists join the customers table through EF, so the same
/// access rules as everywhere else decide who is listed; explanations are rebuilt from one customer's figures.
/// </summary>
public sealed class ModelQueries(IDbContextFactory<GuanxiDbContext> contexts, MetricsLoader loader)
{
    public async Task<ModelRun?> LatestRunAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ModelRunDto>> RunsAsync(int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var runs = await db.ModelRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 200)).ToListAsync(ct);
        return runs.Select(ToDto).ToList();
    }

    public async Task<ModelRunDto> RunAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.ModelRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException($"Model run {id}");
        return ToDto(run);
    }

    /// <summary>
    /// The class sizes of every model in a run. Roles that reach every customer get the counts the run stored; anyone
    /// else gets them counted over the customers in their reach (company-wide figures are not theirs to see).
    /// </summary>
    public async Task<ModelOverviewDto> OverviewAsync(long? runId, CancellationToken ct)
    {
        var run = await FinishedRunAsync(runId, ct);
        if (run is null)
        {
            return new ModelOverviewDto(null, ModelCatalog.All.Select(m => ToModel(m, null, 0)).ToList(), []);
        }

        var (counts, customers) = CurrentScope.SeesAll
            ? (JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(run.ClassCounts, ModelSettingsStore.Json) ?? [], run.CustomerCount)
            : await CountInReachAsync(run.Id, ct);
        var models = ModelCatalog.All.Select(m => ToModel(m, counts.GetValueOrDefault(m.Key), customers)).ToList();
        var custom = counts.Where(c => c.Key.StartsWith(CustomPrefix, StringComparison.Ordinal))
            .Select(c => new ModelDto(c.Key, c.Key[CustomPrefix.Length..], c.Key[CustomPrefix.Length..],
                c.Value.Select(v => new ModelClassDto(v.Key, v.Key, v.Key, v.Value)).ToList(),
                customers - c.Value.Values.Sum()))
            .ToList();
        return new ModelOverviewDto(ToDto(run), models, custom);
    }

    internal const string CustomPrefix = "custom:";

    private static AccessScope CurrentScope => CurrentUser.Scope ?? AccessScope.Nobody;

    /// <summary>Class sizes over the customers in the caller's reach (the query filter limits the join).</summary>
    private async Task<(Dictionary<string, Dictionary<string, int>> Counts, int Customers)> CountInReachAsync(long runId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = new Dictionary<string, Dictionary<string, int>>();
        var customers = 0;
        var rows = db.ModelResults.AsNoTracking().Where(r => r.RunId == runId)
            .Join(db.Customers, r => r.CustomerId, c => c.Id, (r, c) => r)
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            customers++;
            foreach (var model in ModelCatalog.All)
            {
                if (Key(model, ClassIndex(row, model.Key)) is not { } cls) continue;
                var perClass = counts.TryGetValue(model.Key, out var c) ? c : counts[model.Key] = [];
                perClass[cls] = perClass.GetValueOrDefault(cls) + 1;
            }
        }
        var labels = await db.ModelCustomLabels.AsNoTracking().Where(l => l.RunId == runId)
            .Join(db.Customers, l => l.CustomerId, c => c.Id, (l, c) => l)
            .Join(db.CustomModels, l => l.CustomModelId, m => m.Id, (l, m) => new { m.Name, l.Label })
            .GroupBy(x => new { x.Name, x.Label }).Select(g => new { g.Key.Name, g.Key.Label, N = g.Count() })
            .ToListAsync(ct);
        foreach (var l in labels)
        {
            var perClass = counts.TryGetValue(CustomPrefix + l.Name, out var c) ? c : counts[CustomPrefix + l.Name] = [];
            perClass[l.Label] = l.N;
        }
        return (counts, customers);
    }

    /// <summary>The stored class index of one built-in model in a result row.</summary>
    internal static short? ClassIndex(ModelResultRow row, string modelKey) =>
        (short?)typeof(ModelResultRow).GetProperty(PropertyOf(modelKey))?.GetValue(row);

    /// <summary>
    /// A page of the customers in one class, in customer-id order (keyset: <paramref name="after"/> is the last id seen).
    /// The customer lists below order by the result row's customer id, not the joined customer's (the same value): that
    /// order is the result key's, so a page reads 50 rows; ordered by the customer's id, SQLite sorted the whole class
    /// (0.3–0.8 s at 1M customers).
    /// </summary>
    public async Task<ClassCustomersPage> CustomersOfClassAsync(string modelKey, string classKey, long? runId, string? after, int limit, CancellationToken ct)
    {
        if (modelKey.StartsWith(CustomPrefix, StringComparison.Ordinal)) return await CustomersOfCustomClassAsync(modelKey[CustomPrefix.Length..], classKey, runId, after, limit, ct);
        var model = ModelCatalog.Find(modelKey) ?? throw new NotFoundException($"Model '{modelKey}'");
        int index = model.Classes.ToList().FindIndex(c => c.Key == classKey);
        if (index < 0) throw new NotFoundException($"Class '{classKey}' of model '{modelKey}'");
        var run = await FinishedRunAsync(runId, ct) ?? throw new NotFoundException("A finished model run");
        long afterId = 0;
        if (after is not null && !long.TryParse(after, out afterId)) throw ValidationException.For("after", "Not a valid cursor.");
        limit = Math.Clamp(limit, 1, 200);

        string property = PropertyOf(model.Key);
        float? Score(ModelResultRow r) => model.Key switch
        {
            ModelKeys.Value => r.ValueScore,
            ModelKeys.Active => r.ActiveScore,
            ModelKeys.Undeveloped => r.UndevelopedScore,
            ModelKeys.Unsatisfied => r.UnsatisfiedScore,
            ModelKeys.RepeatPurchase => r.RepeatPurchaseScore,
            ModelKeys.FirstPurchase => r.FirstPurchaseScore,
            ModelKeys.Lost => r.LostScore,
            ModelKeys.Potential => r.PotentialScore,
            ModelKeys.Social => r.SocialScore,
            ModelKeys.Comprehensive => r.ComprehensiveScore,
            _ => null,
        };
        short value = (short)index;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ModelResults.AsNoTracking()
            .Where(r => r.RunId == run.Id && EF.Property<short?>(r, property) == value && r.CustomerId > afterId)
            .Join(db.Customers, r => r.CustomerId, c => c.Id, (r, c) => new { r, c.Id, c.Code, c.Name, c.City })
            .OrderBy(x => x.r.CustomerId)
            .Take(limit + 1)
            .ToListAsync(ct);
        var items = rows.Take(limit)
            .Select(x => new ClassCustomerDto(x.Id, x.Code, x.Name, x.City, x.r.MonetaryCents / 100m, x.r.Frequency, Score(x.r)))
            .ToList();
        return new ClassCustomersPage(items, rows.Count > limit ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>A page of the customers a custom model put in one class (its label), in customer-id order.</summary>
    private async Task<ClassCustomersPage> CustomersOfCustomClassAsync(string name, string label, long? runId, string? after, int limit, CancellationToken ct)
    {
        var run = await FinishedRunAsync(runId, ct) ?? throw new NotFoundException("A finished model run");
        long afterId = 0;
        if (after is not null && !long.TryParse(after, out afterId)) throw ValidationException.For("after", "Not a valid cursor.");
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var modelId = await db.CustomModels.AsNoTracking().Where(m => m.Name == name).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Model '{CustomPrefix}{name}'");
        var rows = await db.ModelCustomLabels.AsNoTracking()
            .Where(l => l.RunId == run.Id && l.CustomModelId == modelId && l.Label == label && l.CustomerId > afterId)
            .Join(db.Customers, l => l.CustomerId, c => c.Id, (l, c) => new { l.CustomerId, c.Id, c.Code, c.Name, c.City })
            .GroupJoin(db.ModelResults.Where(r => r.RunId == run.Id), x => x.Id, r => r.CustomerId, (x, r) => new { x, r })
            .SelectMany(xr => xr.r.DefaultIfEmpty(), (xr, r) => new { xr.x.CustomerId, xr.x.Id, xr.x.Code, xr.x.Name, xr.x.City, Monetary = r == null ? 0 : r.MonetaryCents, Frequency = r == null ? 0 : r.Frequency })
            .OrderBy(x => x.CustomerId)
            .Take(limit + 1)
            .ToListAsync(ct);
        var items = rows.Take(limit).Select(x => new ClassCustomerDto(x.Id, x.Code, x.Name, x.City, x.Monetary / 100m, x.Frequency, null)).ToList();
        return new ClassCustomersPage(items, rows.Count > limit ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The customer's classes in the latest run with an explanation of each, in the given culture.</summary>
    public async Task<CustomerModelsDto> CustomerModelsAsync(long customerId, string culture, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException($"Customer {customerId}");
        var run = await FinishedRunAsync(null, ct);
        var stored = run is null ? null
            : await db.ModelResults.AsNoTracking().FirstOrDefaultAsync(r => r.RunId == run.Id && r.CustomerId == customerId, ct);
        if (run is null || stored is null)
        {
            return new CustomerModelsDto(run is null ? null : ToDto(run), [], null, null, null, null, null, null, null, new Dictionary<string, string>());
        }

        var labels = await db.ModelCustomLabels.AsNoTracking()
            .Where(l => l.RunId == run.Id && l.CustomerId == customerId)
            .Join(db.CustomModels, l => l.CustomModelId, m => m.Id, (l, m) => new { m.Name, l.Label })
            .ToDictionaryAsync(x => x.Name, x => x.Label, ct);
        var row = ToDomainRow(stored, labels);
        var metrics = await loader.LoadAsync(run.AsOf, ct, customerId);
        var parameters = JsonSerializer.Deserialize<ModelRunParameters>(run.Parameters, ModelSettingsStore.Json) ?? new ModelRunParameters();
        var settings = JsonSerializer.Deserialize<ModelSettings>(run.Settings, ModelSettingsStore.Json) ?? ModelSettings.Default;
        bool chinese = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var classes = new List<CustomerClassDto>();
        foreach (var model in ModelCatalog.All)
        {
            string? key = row.ClassKey(model.Key);
            var cls = key is null ? null : model.Classes.First(c => c.Key == key);
            string explanation = metrics.Count == 1
                ? ModelExplanations.Explain(model.Key, metrics, 0, row, parameters, settings, culture)
                : "";
            classes.Add(new CustomerClassDto(
                model.Key, chinese ? model.NameZh : model.NameEn, key, cls is null ? null : chinese ? cls.NameZh : cls.NameEn, row.Score(model.Key), explanation));
        }

        return new CustomerModelsDto(ToDto(run), classes, row.PAlive, row.ExpectedPurchases30d, row.ExpectedPurchases90d, row.ExpectedPurchases365d,
            row.ExpectedOrderValue, row.Clv, row.RelationshipGap, labels);
    }

    /// <summary>The customer's classes in every kept run, newest first.</summary>
    public async Task<IReadOnlyList<CustomerHistoryEntry>> CustomerHistoryAsync(long customerId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException($"Customer {customerId}");
        var rows = await db.ModelResults.AsNoTracking()
            .Where(r => r.CustomerId == customerId)
            .Join(db.ModelRuns.Where(run => run.Status == ModelRunStatus.Succeeded), r => r.RunId, run => run.Id, (r, run) => new { r, run.AsOf })
            .OrderByDescending(x => x.r.RunId)
            .ToListAsync(ct);
        return rows.Select(x =>
        {
            var row = ToDomainRow(x.r, new Dictionary<string, string>());
            return new CustomerHistoryEntry(x.r.RunId, x.AsOf, ModelCatalog.All.ToDictionary(m => m.Key, m => row.ClassKey(m.Key)));
        }).ToList();
    }

    /// <summary>Company-wide migration matrices already counted: a finished run's results never change, so neither do they.</summary>
    private readonly ConcurrentDictionary<(long From, long To, string Model), MigrationMatrixDto> _matrices = new();

    /// <summary>
    /// How many customers moved from each class in one run to each class in another (null: model did not apply). The
    /// company-wide matrix joins two million-row runs (over a second at 1M customers), so it is counted once per pair of
    /// runs and model and kept; a narrower reach is counted each time, as who is in it changes.
    /// </summary>
    public async Task<MigrationMatrixDto> MigrationAsync(long fromRun, long toRun, string modelKey, CancellationToken ct)
    {
        var model = ModelCatalog.Find(modelKey) ?? throw new NotFoundException($"Model '{modelKey}'");
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (long id in (long[])[fromRun, toRun])
        {
            if (!await db.ModelRuns.AnyAsync(r => r.Id == id && r.Status == ModelRunStatus.Succeeded, ct)) throw new NotFoundException($"Finished model run {id}");
        }

        bool seesAll = CurrentScope.SeesAll;
        if (seesAll && _matrices.TryGetValue((fromRun, toRun, model.Key), out var kept)) return kept;

        // Counted over the customers in the caller's reach: the join with customers carries the query filter.
        string property = PropertyOf(model.Key);
        var pairs = db.ModelResults.AsNoTracking().Where(a => a.RunId == fromRun)
            .Join(db.ModelResults.Where(b => b.RunId == toRun), a => a.CustomerId, b => b.CustomerId,
                (a, b) => new { a.CustomerId, From = EF.Property<short?>(a, property), To = EF.Property<short?>(b, property) });
        if (!seesAll) pairs = pairs.Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => p);
        var grouped = await pairs.GroupBy(p => new { p.From, p.To }).Select(g => new { g.Key.From, g.Key.To, N = g.Count() }).ToListAsync(ct);
        var cells = grouped.Select(g => new MigrationCell(Key(model, g.From), Key(model, g.To), g.N)).ToList();

        var matrix = new MigrationMatrixDto(model.Key, fromRun, toRun, model.Classes.Select(c => c.Key).ToList(), cells);
        if (seesAll)
        {
            if (_matrices.Count >= 200) _matrices.Clear();
            _matrices[(fromRun, toRun, model.Key)] = matrix;
        }
        return matrix;
    }

    /// <summary>
    /// How many customers in the caller's reach have each recency × frequency score pair in a run (the latest when
    /// <paramref name="runId"/> is null). Roles that reach every customer get the grid the run kept; anyone else (and
    /// runs stored before the grid was kept) one grouped query, where the join with customers carries the query filter.
    /// </summary>
    public async Task<RfmGridDto> RfmGridAsync(long? runId, CancellationToken ct)
    {
        var run = await FinishedRunAsync(runId, ct) ?? throw new NotFoundException("A finished model run");
        if (CurrentScope.SeesAll && run.RfmGrid is { } kept && JsonSerializer.Deserialize<RfmGridDto>(kept, ModelSettingsStore.Json) is { } grid)
        {
            return grid;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.ModelResults.AsNoTracking().Where(r => r.RunId == run.Id);
        if (!CurrentScope.SeesAll) rows = rows.Join(db.Customers, r => r.CustomerId, c => c.Id, (r, c) => r);
        var grouped = await rows.GroupBy(r => new { r.R, r.F }).Select(g => new { g.Key.R, g.Key.F, N = g.Count() }).ToListAsync(ct);
        var cells = grouped.Where(g => g.R is >= 1 and <= 5 && g.F is >= 1 and <= 5)
            .Select(g => new RfmCell(g.R, g.F, g.N)).OrderByDescending(c => c.R).ThenBy(c => c.F).ToList();
        return new RfmGridDto(run.Id, cells, grouped.Sum(g => g.N) - cells.Sum(c => c.Customers));
    }

    /// <summary>The RFM grid of a run's results (recency and frequency scores per customer, 0 where not scored), as it is kept with the run.</summary>
    internal static RfmGridDto CountRfmGrid(long runId, byte[] r, byte[] f)
    {
        var counts = new int[6, 6];
        int notScored = 0;
        for (int i = 0; i < r.Length; i++)
        {
            if (r[i] is >= 1 and <= 5 && f[i] is >= 1 and <= 5) counts[r[i], f[i]]++;
            else notScored++;
        }

        var cells = new List<RfmCell>();
        for (int rs = 5; rs >= 1; rs--)
        {
            for (int fs = 1; fs <= 5; fs++)
            {
                if (counts[rs, fs] > 0) cells.Add(new RfmCell(rs, fs, counts[rs, fs]));
            }
        }
        return new RfmGridDto(runId, cells, notScored);
    }

    /// <summary>A page of the customers in one cell of the RFM grid, in customer-id order (keyset on the id).</summary>
    public async Task<ClassCustomersPage> CustomersOfRfmCellAsync(long? runId, int r, int f, string? after, int limit, CancellationToken ct)
    {
        if (r is < 1 or > 5) throw ValidationException.For("r", "A recency score from 1 to 5.");
        if (f is < 1 or > 5) throw ValidationException.For("f", "A frequency score from 1 to 5.");
        var run = await FinishedRunAsync(runId, ct) ?? throw new NotFoundException("A finished model run");
        long afterId = Cursor(after);
        limit = Math.Clamp(limit, 1, 200);
        short rs = (short)r, fs = (short)f;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ModelResults.AsNoTracking()
            .Where(x => x.RunId == run.Id && x.R == rs && x.F == fs && x.CustomerId > afterId)
            .Join(db.Customers, x => x.CustomerId, c => c.Id, (x, c) => new { x.CustomerId, c.Id, c.Code, c.Name, c.City, x.MonetaryCents, x.Frequency })
            .OrderBy(x => x.CustomerId)
            .Take(limit + 1)
            .ToListAsync(ct);
        var items = rows.Take(limit).Select(x => new ClassCustomerDto(x.Id, x.Code, x.Name, x.City, x.MonetaryCents / 100m, x.Frequency, null)).ToList();
        return Page(items, rows.Count > limit);
    }

    /// <summary>
    /// A page of the customers who were in <paramref name="fromClass"/> in one run and in <paramref name="toClass"/> in
    /// another (null: the model did not apply), in customer-id order; only customers in the caller's reach.
    /// </summary>
    public async Task<ClassCustomersPage> MigrationCustomersAsync(
        long fromRun, long toRun, string modelKey, string? fromClass, string? toClass, string? after, int limit, CancellationToken ct)
    {
        var model = ModelCatalog.Find(modelKey) ?? throw new NotFoundException($"Model '{modelKey}'");
        short? fromValue = ClassValue(model, fromClass, "fromClass"), toValue = ClassValue(model, toClass, "toClass");
        long afterId = Cursor(after);
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (long id in (long[])[fromRun, toRun])
        {
            if (!await db.ModelRuns.AnyAsync(r => r.Id == id && r.Status == ModelRunStatus.Succeeded, ct)) throw new NotFoundException($"Finished model run {id}");
        }

        string property = PropertyOf(model.Key);
        var a = db.ModelResults.AsNoTracking().Where(x => x.RunId == fromRun && x.CustomerId > afterId);
        a = fromValue is { } fv ? a.Where(x => EF.Property<short?>(x, property) == fv) : a.Where(x => EF.Property<short?>(x, property) == null);
        var b = db.ModelResults.AsNoTracking().Where(x => x.RunId == toRun);
        b = toValue is { } tv ? b.Where(x => EF.Property<short?>(x, property) == tv) : b.Where(x => EF.Property<short?>(x, property) == null);
        var rows = await a.Join(b, x => x.CustomerId, y => y.CustomerId, (x, y) => y)
            .Join(db.Customers, y => y.CustomerId, c => c.Id, (y, c) => new { y.CustomerId, c.Id, c.Code, c.Name, c.City, y.MonetaryCents, y.Frequency })
            .OrderBy(x => x.CustomerId)
            .Take(limit + 1)
            .ToListAsync(ct);
        var items = rows.Take(limit).Select(x => new ClassCustomerDto(x.Id, x.Code, x.Name, x.City, x.MonetaryCents / 100m, x.Frequency, null)).ToList();
        return Page(items, rows.Count > limit);
    }

    /// <summary>
    /// A model's class sizes in each of the last <paramref name="runs"/> finished runs, oldest first. Roles that reach
    /// every customer read the counts each run stored; anyone else gets one grouped count over the customers in reach.
    /// </summary>
    public async Task<ClassTrendDto> ClassTrendAsync(string modelKey, int runs, CancellationToken ct)
    {
        var model = ModelCatalog.Find(modelKey) ?? throw new NotFoundException($"Model '{modelKey}'");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var kept = await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded)
            .OrderByDescending(r => r.Id).Take(Math.Clamp(runs, 1, 50)).ToListAsync(ct);
        kept.Reverse();
        var points = new List<ClassTrendPoint>();
        if (CurrentScope.SeesAll)
        {
            foreach (var run in kept)
            {
                var counts = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(run.ClassCounts, ModelSettingsStore.Json) ?? [];
                var perClass = model.Classes.ToDictionary(c => c.Key, c => counts.GetValueOrDefault(model.Key)?.GetValueOrDefault(c.Key) ?? 0);
                points.Add(new ClassTrendPoint(run.Id, run.AsOf, perClass, run.CustomerCount - perClass.Values.Sum()));
            }
            return new ClassTrendDto(model.Key, points);
        }

        string property = PropertyOf(model.Key);
        var ids = kept.Select(r => r.Id).ToList();
        var grouped = await db.ModelResults.AsNoTracking().Where(r => ids.Contains(r.RunId))
            .Join(db.Customers, r => r.CustomerId, c => c.Id, (r, c) => new { r.RunId, Class = EF.Property<short?>(r, property) })
            .GroupBy(x => new { x.RunId, x.Class }).Select(g => new { g.Key.RunId, g.Key.Class, N = g.Count() })
            .ToListAsync(ct);
        foreach (var run in kept)
        {
            var mine = grouped.Where(g => g.RunId == run.Id).ToList();
            var perClass = model.Classes.ToDictionary(c => c.Key, c => mine.Where(g => Key(model, g.Class) == c.Key).Sum(g => g.N));
            points.Add(new ClassTrendPoint(run.Id, run.AsOf, perClass, mine.Sum(g => g.N) - perClass.Values.Sum()));
        }
        return new ClassTrendDto(model.Key, points);
    }

    /// <summary>A class key's stored index; null or empty names "not applicable"; an unknown key is the caller's error.</summary>
    private static short? ClassValue(ModelDefinition model, string? classKey, string field)
    {
        if (string.IsNullOrEmpty(classKey)) return null;
        int index = model.IndexOf(classKey);
        if (index < 0) throw ValidationException.For(field, $"'{classKey}' is not a class of model '{model.Key}'.");
        return (short)index;
    }

    private static long Cursor(string? after)
    {
        long afterId = 0;
        if (after is not null && !long.TryParse(after, System.Globalization.CultureInfo.InvariantCulture, out afterId)) throw ValidationException.For("after", "Not a valid cursor.");
        return afterId;
    }

    private static ClassCustomersPage Page(List<ClassCustomerDto> items, bool more) =>
        new(items, more ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);

    private async Task<ModelRun?> FinishedRunAsync(long? runId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded);
        if (runId is { } id)
        {
            return await query.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException($"Finished model run {id}");
        }

        return await query.OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    internal static string PropertyOf(string modelKey) =>
        string.Concat(modelKey.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static ModelDto ToModel(ModelDefinition model, Dictionary<string, int>? counts, int customers)
    {
        var classes = model.Classes.Select(c => new ModelClassDto(c.Key, c.NameEn, c.NameZh, counts?.GetValueOrDefault(c.Key) ?? 0)).ToList();
        return new ModelDto(model.Key, model.NameEn, model.NameZh, classes, customers - classes.Sum(c => c.Count));
    }

    internal static ModelRunDto ToDto(ModelRun r) => new(
        r.Id, r.AsOf, r.Status.ToString().ToLowerInvariant(), r.Trigger, r.StartedAt, r.FinishedAt, r.CustomerCount,
        r.LoadMilliseconds, r.EvaluateMilliseconds, r.StoreMilliseconds, r.Error, r.Warning);

    /// <summary>The class key stored as its index in the catalog list, or null where the model does not apply.</summary>
    internal static string? Key(ModelDefinition model, short? index) => index is { } i && i >= 0 && i < model.Classes.Count ? model.Classes[i].Key : null;

    internal static CustomerModelRow ToDomainRow(ModelResultRow r, IReadOnlyDictionary<string, string> labels) => new()
    {
        CustomerId = r.CustomerId,
        RecencyDays = r.RecencyDays,
        Frequency = r.Frequency,
        MonetaryCents = r.MonetaryCents,
        R = (byte)r.R,
        F = (byte)r.F,
        M = (byte)r.M,
        RfmSegment = Key(ModelCatalog.Rfm, r.RfmSegment),
        Value = Key(ModelCatalog.Value, r.Value),
        Active = Key(ModelCatalog.Active, r.Active),
        Undeveloped = Key(ModelCatalog.Undeveloped, r.Undeveloped),
        Unsatisfied = Key(ModelCatalog.Unsatisfied, r.Unsatisfied),
        RepeatPurchase = Key(ModelCatalog.RepeatPurchase, r.RepeatPurchase),
        FirstPurchase = Key(ModelCatalog.FirstPurchase, r.FirstPurchase),
        Lost = Key(ModelCatalog.Lost, r.Lost),
        Potential = Key(ModelCatalog.Potential, r.Potential),
        Social = Key(ModelCatalog.Social, r.Social),
        Comprehensive = Key(ModelCatalog.Comprehensive, r.Comprehensive),
        Lifecycle = Key(ModelCatalog.Lifecycle, r.Lifecycle),
        Category = Key(ModelCatalog.Category, r.Category),
        CreditRating = Key(ModelCatalog.CreditRating, r.CreditRating),
        MemberTier = Key(ModelCatalog.MemberTier, r.MemberTier),
        RelationshipRecommended = Key(ModelCatalog.RelationshipRecommended, r.RelationshipRecommended),
        RelationshipPractised = Key(ModelCatalog.RelationshipPractised, r.RelationshipPractised),
        RelationshipGap = r.RelationshipGap,
        ValueScore = r.ValueScore,
        ActiveScore = r.ActiveScore,
        UndevelopedScore = r.UndevelopedScore,
        UnsatisfiedScore = r.UnsatisfiedScore,
        RepeatPurchaseScore = r.RepeatPurchaseScore,
        FirstPurchaseScore = r.FirstPurchaseScore,
        LostScore = r.LostScore,
        PotentialScore = r.PotentialScore,
        SocialScore = r.SocialScore,
        ComprehensiveScore = r.ComprehensiveScore,
        PAlive = r.PAlive,
        ExpectedPurchases30d = r.ExpectedPurchases30d,
        ExpectedPurchases90d = r.ExpectedPurchases90d,
        ExpectedPurchases365d = r.ExpectedPurchases365d,
        ExpectedOrderValue = r.ExpectedOrderValue,
        Clv = r.Clv,
        Referrals = r.Referrals,
        ReferralTreeSize = r.ReferralTreeSize,
        ReferralTreeRevenueCents = r.ReferralTreeRevenueCents,
        CustomLabels = labels.ToDictionary(l => l.Key, l => (string?)l.Value),
    };
}
