using System.Diagnostics;
using System.Globalization;
using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Data.Bulk;
using Guanxi.Domain.Customers;
using Guanxi.Domain.Demo;
using Guanxi.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Demo;

public sealed record DemoSummary(long Customers, long Orders, long Interactions, TimeSpan Elapsed, long Opportunities = 0, long GradedLeads = 0);

/// <summary>
/// Writes generated demo data with the bulk path, appending to whatever the database holds:
/// ids continue after the current maximum, codes come from the code pattern, order numbers from a sequence.
/// </summary>
public sealed class DemoLoader(IDbContextFactory<GuanxiDbContext> contexts, IBulkInsert bulk, TimeProvider time)
{
    private const int Batch = 5000;

    private static readonly string[] CustomerColumns =
    [
        "id", "code", "name", "name_pinyin", "name_initials", "kind", "relationship", "phone", "phone_digits", "email", "email_normalized", "we_chat_id",
        "province", "city", "industry", "company_size", "source", "birth_date", "notes", "referred_by_id", "created_at", "updated_at", "version",
        "grade", "grade_reason", "grade_set_at", "owner_id",
    ];

    private static readonly string[] GradeChangeColumns = ["customer_id", "from_grade", "to_grade", "reason", "at"];
    private static readonly string[] OpportunityColumns =
    [
        "id", "customer_id", "title", "source", "channel", "heat", "amount_cents", "currency", "pipeline_id", "stage_id", "probability",
        "expected_close_on", "status", "close_reason", "closed_at", "stage_entered_at", "created_at", "updated_at", "version", "owner_id",
    ];
    private static readonly string[] StageChangeColumns = ["opportunity_id", "from_stage_id", "to_stage_id", "from_status", "to_status", "at", "seconds_in_stage"];

    private static readonly string[] ContactColumns = ["customer_id", "name", "role", "phone", "phone_digits", "email", "is_primary"];
    private static readonly string[] TagColumns = ["customer_id", "tag"];
    private static readonly string[] DuplicateColumns = ["customer_id", "duplicate_of_id", "reason", "status", "found_at"];
    private static readonly string[] OrderColumns = ["id", "number", "customer_id", "ordered_at", "amount_cents", "currency", "channel", "invoice_due_date", "paid_date", "created_at", "version"];
    private static readonly string[] LineColumns = ["order_id", "product", "quantity", "unit_price_cents"];
    private static readonly string[] InteractionColumns = ["customer_id", "channel", "direction", "subject", "body", "occurred_at", "created_at"];

    /// <summary>
    /// Loads the demo data set. With <paramref name="owners"/> (user ids), customers are shared out among them in turn
    /// and each opportunity belongs to its customer's owner; without, nobody owns them (the CLI's data set).
    /// </summary>
    public async Task<DemoSummary> LoadAsync(DemoOptions options, IProgress<string>? progress, CancellationToken ct, IReadOnlyList<long>? owners = null)
    {
        long? OwnerOf(int customerIndex) => owners is { Count: > 0 } ? owners[customerIndex % owners.Count] : null;
        var clock = Stopwatch.StartNew();
        var generator = new DemoDataGenerator(options);
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Every row, whoever asks: the new ids must come after all of them.
        var customerBase = await db.Customers.IgnoreQueryFilters().MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var orderBase = await db.Orders.IgnoreQueryFilters().MaxAsync(o => (long?)o.Id, ct) ?? 0;
        var now = time.GetUtcNow().UtcDateTime;

        long customers = 0;
        long graded = 0;
        foreach (var chunk in generator.Customers().Chunk(Batch))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var codes = await CodesAsync(db, chunk, ct);
            var rows = new List<object?[]>(chunk.Length);
            var contacts = new List<object?[]>();
            var tags = new List<object?[]>();
            var duplicates = new List<object?[]>();
            var grades = new List<object?[]>();
            for (var i = 0; i < chunk.Length; i++)
            {
                var c = chunk[i];
                var id = customerBase + c.Index + 1;
                var created = DateTime.SpecifyKind(c.CreatedAt, DateTimeKind.Utc);
                var grade = generator.GradeOf(c.Index);
                var pinyin = Pinyin.Of(c.Name);
                rows.Add(
                [
                    id, codes[i], c.Name, pinyin.Full, pinyin.Initials, c.Kind.ToString(), c.Relationship.ToString(), c.Phone, PhoneNumber.Digits(c.Phone), c.Email,
                    EmailAddress.Normalize(c.Email), c.WeChatId, c.Province, c.City, c.Industry, c.CompanySize.ToString(), c.Source,
                    c.BirthDate, c.Notes, c.ReferredByIndex is { } r ? customerBase + r + 1 : null, created, created, 1L,
                    grade?.Grade.ToString(), grade?.Reason, grade is null ? null : Utc(grade.SetAt), OwnerOf(c.Index),
                ]);
                if (grade is not null)
                {
                    graded++;
                    if (grade.Previous is { } before) grades.Add([id, null, before.ToString(), grade.PreviousReason, Utc(grade.PreviousAt!.Value)]);
                    grades.Add([id, grade.Previous?.ToString(), grade.Grade.ToString(), grade.Reason, Utc(grade.SetAt)]);
                }
                foreach (var k in c.Contacts)
                    contacts.Add([id, k.Name, k.Role, k.Phone, PhoneNumber.Digits(k.Phone), k.Email, k.IsPrimary]);
                foreach (var tag in c.Tags.Distinct(StringComparer.Ordinal)) tags.Add([id, tag]);
                if (c.DuplicateOfIndex is { } original)
                    duplicates.Add([id, customerBase + original + 1, DuplicateReason.SamePhone.ToString(), DuplicateStatus.Open.ToString(), now]);
            }
            await bulk.InsertAsync(db, "customers", CustomerColumns, rows, ct);
            await bulk.InsertAsync(db, "contacts", ContactColumns, contacts, ct);
            await bulk.InsertAsync(db, "customer_tags", TagColumns, tags, ct);
            await bulk.InsertAsync(db, "duplicate_candidates", DuplicateColumns, duplicates, ct);
            await bulk.InsertAsync(db, "customer_grade_changes", GradeChangeColumns, grades, ct);
            await tx.CommitAsync(ct);
            customers += chunk.Length;
        }
        progress?.Report($"customers: {customers} ({clock.Elapsed.TotalSeconds:F1} s)");

        long orders = 0;
        var numberStart = options.Orders > 0 ? await Sequences.NextBlockAsync(db, "DM", options.Orders, ct) : 0;
        foreach (var chunk in generator.Orders().Chunk(Batch * 4))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = new List<object?[]>(chunk.Length);
            var lines = new List<object?[]>();
            foreach (var o in chunk)
            {
                var id = orderBase + orders + 1;
                rows.Add(
                [
                    id, "DM" + (numberStart + orders).ToString("D10", CultureInfo.InvariantCulture), customerBase + o.CustomerIndex + 1,
                    DateTime.SpecifyKind(o.OrderedAt, DateTimeKind.Unspecified), o.AmountCents, "CNY", o.Channel, o.InvoiceDueDate, o.PaidDate, now, 1L,
                ]);
                foreach (var l in o.Lines) lines.Add([id, l.Product, (decimal)l.Quantity, l.UnitPriceCents]);
                orders++;
            }
            await bulk.InsertAsync(db, "orders", OrderColumns, rows, ct);
            await bulk.InsertAsync(db, "order_lines", LineColumns, lines, ct);
            await tx.CommitAsync(ct);
        }
        progress?.Report($"orders: {orders} ({clock.Elapsed.TotalSeconds:F1} s)");

        long interactions = 0;
        foreach (var chunk in generator.Interactions().Chunk(Batch * 4))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = chunk.Select(i => new object?[]
            {
                customerBase + i.CustomerIndex + 1, i.Channel.ToString(), i.Direction.ToString(), i.Subject, i.Body,
                DateTime.SpecifyKind(i.OccurredAt, DateTimeKind.Unspecified), now,
            }).ToList();
            await bulk.InsertAsync(db, "interactions", InteractionColumns, rows, ct);
            await tx.CommitAsync(ct);
            interactions += chunk.Length;
        }
        progress?.Report($"interactions: {interactions} ({clock.Elapsed.TotalSeconds:F1} s)");

        var opportunities = await LoadOpportunitiesAsync(db, generator, customerBase, now, OwnerOf, ct);
        progress?.Report($"opportunities: {opportunities} ({clock.Elapsed.TotalSeconds:F1} s)");

        await bulk.MovePastExplicitIdsAsync(db, "customers", ct);
        await bulk.MovePastExplicitIdsAsync(db, "orders", ct);
        await bulk.MovePastExplicitIdsAsync(db, "opportunities", ct);
        // The model runs and the marketing step that follow plan over these rows.
        foreach (var table in (string[])["customers", "orders", "order_lines", "interactions"]) await bulk.RefreshStatisticsAsync(db, table, ct);
        return new DemoSummary(customers, orders, interactions, clock.Elapsed, opportunities, graded);
    }

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    /// <summary>Opportunities in the default pipeline, with a stage-change row per stage entered and one for the close.</summary>
    private async Task<long> LoadOpportunitiesAsync(GuanxiDbContext db, DemoDataGenerator generator, long customerBase, DateTime now, Func<int, long?> ownerOf, CancellationToken ct)
    {
        var pipeline = await db.Pipelines.AsNoTracking().Include(p => p.Stages).OrderByDescending(p => p.IsDefault).ThenBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (pipeline is null || pipeline.Stages.Count == 0) return 0;
        var stages = pipeline.Stages.OrderBy(s => s.Position).ToList();
        Domain.Sales.PipelineStage StageAt(int position) => stages[Math.Min(position, stages.Count) - 1];
        var idBase = await db.Opportunities.IgnoreQueryFilters().MaxAsync(o => (long?)o.Id, ct) ?? 0;
        long count = 0;
        foreach (var chunk in generator.Opportunities().Chunk(Batch))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = new List<object?[]>(chunk.Length);
            var changes = new List<object?[]>();
            foreach (var o in chunk)
            {
                var id = idBase + ++count;
                var last = o.Steps[^1];
                var stage = StageAt(last.Position);
                var probability = o.Status switch { Domain.Sales.OpportunityStatus.Won => 100, Domain.Sales.OpportunityStatus.Lost => 0, _ => stage.Probability };
                rows.Add(
                [
                    id, customerBase + o.CustomerIndex + 1, o.Title, o.Source.ToString(), o.Channel, o.Heat.ToString(), o.AmountCents, "CNY", pipeline.Id, stage.Id,
                    probability, o.ExpectedClose, o.Status.ToString(), o.CloseReason, o.ClosedAt is { } c ? Utc(c) : null, Utc(last.At), Utc(o.CreatedAt), now, 1L,
                    ownerOf(o.CustomerIndex),
                ]);
                DemoStageStep? previous = null;
                foreach (var step in o.Steps)
                {
                    changes.Add([id, previous is { } p ? StageAt(p.Position).Id : null, StageAt(step.Position).Id, "Open", "Open", Utc(step.At),
                        previous is { } q ? Domain.Sales.OpportunityStageChange.Seconds(q.At, step.At) : null]);
                    previous = step;
                }
                if (o.ClosedAt is { } closed)
                    changes.Add([id, stage.Id, stage.Id, "Open", o.Status.ToString(), Utc(closed), Domain.Sales.OpportunityStageChange.Seconds(last.At, closed)]);
            }
            await bulk.InsertAsync(db, "opportunities", OpportunityColumns, rows, ct);
            await bulk.InsertAsync(db, "opportunity_stage_changes", StageChangeColumns, changes, ct);
            await tx.CommitAsync(ct);
        }
        // The bulk rows bypass the save that keeps the funnel's and the forecast's facts: recompute them once, planned on
        // the new rows' statistics.
        await bulk.RefreshStatisticsAsync(db, "opportunities", ct);
        await bulk.RefreshStatisticsAsync(db, "opportunity_stage_changes", ct);
        await SalesFacts.RebuildAsync(db, ct);
        return count;
    }

    /// <summary>Codes from the pattern, one block of numbers per prefix in the chunk.</summary>
    private static async Task<string[]> CodesAsync(GuanxiDbContext db, DemoCustomer[] chunk, CancellationToken ct)
    {
        var pattern = await CustomerCodes.PatternAsync(db, ct);
        var codes = new string[chunk.Length];
        foreach (var group in chunk.Select((c, i) => (Date: DateOnly.FromDateTime(c.CreatedAt), i)).GroupBy(x => pattern.Prefix(x.Date), StringComparer.Ordinal))
        {
            var members = group.ToList();
            var first = await Sequences.NextBlockAsync(db, group.Key, members.Count, ct);
            for (var k = 0; k < members.Count; k++) codes[members[k].i] = pattern.Format(members[k].Date, first + k);
        }
        var taken = codes.ToList();
        var clashes = await db.Customers.Where(c => taken.Contains(c.Code)).Select(c => c.Code).ToListAsync(ct);
        foreach (var clash in clashes)
        {
            // An imported code already uses this number: draw a fresh one for that customer.
            var i = Array.IndexOf(codes, clash);
            codes[i] = await CustomerCodes.NextAsync(db, DateOnly.FromDateTime(chunk[i].CreatedAt), ct);
        }
        return codes;
    }
}
