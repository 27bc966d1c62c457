using System.Globalization;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Search;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Sales;
using Guanxi.Hosting;
using Guanxi.Maintenance;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Sales;

/// <summary>
/// Opportunities on customers in reach (the query filter decides which): the list, the board, changes, moves between
/// stages, won and lost, reopening, and each one's timeline of stage changes. The API, the pages and the CLI call this.
/// </summary>
public sealed class OpportunityService(
    IDbContextFactory<GuanxiDbContext> contexts, TaskService tasks, LeadGrading grading, Customers.CustomerSearch customers, IOpportunityTextSearch titles,
    TimeProvider time)
{
    /// <summary>The cards each board column shows (its count and totals cover all of its opportunities).</summary>
    public const int BoardCards = 100;

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    public async Task<OpportunityPage> ListAsync(OpportunityFilter filter, string? after, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        limit = Math.Clamp(limit, 1, 200);
        var q = Filter(db, filter);
        // Newest first by id: a seek on each filter's (…, id) index.
        if (!string.IsNullOrEmpty(after))
        {
            var last = PageCursor.Decode(after).Id;
            q = q.Where(o => o.Id < last);
        }
        var items = await ProjectAsync(db, q.OrderByDescending(o => o.Id).Take(limit + 1), ct);
        string? next = null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
            next = new PageCursor("", items[^1].Id).Encode();
        }
        return PersonalData.ForCaller(new OpportunityPage(items, next));
    }

    private IQueryable<Opportunity> Filter(GuanxiDbContext db, OpportunityFilter filter)
    {
        var q = db.Opportunities.AsNoTracking();
        var e = new FieldErrors();
        var text = filter.Q?.Trim();
        if (text is { Length: > OpportunityListView.QMaxLength }) e.Add("q", $"Search for at most {OpportunityListView.QMaxLength} characters.");
        var byStatus = true;
        switch (filter.Status?.Trim().ToLowerInvariant())
        {
            case null or "" or "all":
                byStatus = false;
                break;
            case "open":
                q = q.Where(o => o.Status == OpportunityStatus.Open);
                break;
            case "won":
                q = q.Where(o => o.Status == OpportunityStatus.Won);
                break;
            case "lost":
                q = q.Where(o => o.Status == OpportunityStatus.Lost);
                break;
            default:
                e.Add("status", "Use open, won or lost.");
                break;
        }
        switch (filter.Owner?.Trim())
        {
            case null or "" or "all":
                break;
            case "me":
                var me = db.Scope.UserId;
                q = q.Where(o => o.OwnerId == me);
                break;
            default:
                if (long.TryParse(filter.Owner, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) q = q.Where(o => o.OwnerId == id);
                else e.Add("owner", "Use me or a user id.");
                break;
        }
        if (filter.CloseFrom is { } from && filter.CloseTo is { } to && to < from) e.Add("closeTo", "closeTo is before closeFrom.");
        e.ThrowIfAny();
        if (filter.Stage is { } stage) q = q.Where(o => o.StageId == stage);
        // A rep's stage or status filter matches few of the rows a walk in the list's order passes (a stage of 485,000
        // opportunities held 121 of one rep's: 767 ms to find a page, each row's reach tested): start from their own
        // customers instead, through (customer_id, status, stage_id), and sort what they have (12 ms).
        if ((filter.Stage is not null || byStatus) && (filter.Owner is null or "" or "all") && filter.CustomerId is null && db.OwnCustomerIds() is { } own)
            q = q.Where(o => own.Contains(o.CustomerId));
        if (filter.PipelineId is { } pipeline) q = q.Where(o => o.PipelineId == pipeline);
        if (filter.CustomerId is { } customer) q = q.Where(o => o.CustomerId == customer);
        if (filter.CloseFrom is { } f) q = q.Where(o => o.ExpectedCloseOn >= f);
        if (filter.CloseTo is { } t) q = q.Where(o => o.ExpectedCloseOn <= t);
        if (!string.IsNullOrEmpty(text)) q = Search(db, q, text);
        return q;
    }

    /// <summary>
    /// Opportunities whose title contains the text, or whose customer the customer list's search finds with it (name,
    /// code, pinyin, phone or e-mail as the caller may see them). One id list (UNION ALL; IN drops duplicates) rather
    /// than "id IN (…) OR customer_id IN (…)": the lesson of the customers' own search (decision 0008). The title ids
    /// are plain SQL: an IgnoreQueryFilters() anywhere would lift the access filter from the whole query.
    /// </summary>
    private IQueryable<Opportunity> Search(GuanxiDbContext db, IQueryable<Opportunity> q, string text)
    {
        var customerIds = customers.Filter(db, new Customers.CustomerQuery { Q = text }).Select(c => c.Id);
        var ids = titles.TitleIds(db, text)
            .Concat(db.Opportunities.Where(o => customerIds.Contains(o.CustomerId)).Select(o => o.Id));
        return q.Where(o => ids.Contains(o.Id));
    }

    /// <summary>The rows with their customer, stage and owner names, and their competitors and products (one query each).</summary>
    private static async Task<List<OpportunityDto>> ProjectAsync(GuanxiDbContext db, IQueryable<Opportunity> opportunities, CancellationToken ct)
    {
        var rows = await (
            from o in opportunities
            join c in db.Customers on o.CustomerId equals c.Id
            join s in db.PipelineStages on o.StageId equals s.Id
            from u in db.Users.Where(u => u.Id == o.OwnerId).DefaultIfEmpty()
            select new { o, Customer = c.Name, Stage = s.Name, Owner = u == null ? null : u.UserName }).ToListAsync(ct);
        var ids = rows.Select(r => r.o.Id).ToList();
        var competitors = ids.Count == 0 ? [] : await db.OpportunityCompetitors.AsNoTracking().Where(c => ids.Contains(c.OpportunityId)).OrderBy(c => c.Id).ToListAsync(ct);
        var products = ids.Count == 0 ? [] : await (
            from p in db.OpportunityProducts.AsNoTracking()
            join product in db.Products on p.ProductId equals product.Id
            where ids.Contains(p.OpportunityId)
            orderby p.Id
            select new { p, product.Code, product.Name }).ToListAsync(ct);
        var competitorsOf = competitors.ToLookup(c => c.OpportunityId);
        var productsOf = products.ToLookup(p => p.p.OpportunityId);
        return [.. rows.Select(r => ToDto(r.o, r.Customer, r.Stage, r.Owner,
            [.. competitorsOf[r.o.Id].Select(c => new CompetitorDto(c.Id, c.Name, c.PriceCents / 100m, c.Strengths))],
            [.. productsOf[r.o.Id].Select(p => new OpportunityProductDto(p.p.Id, p.p.ProductId, p.Code, p.Name, p.p.Quantity, p.p.UnitPriceCents / 100m))]))];
    }

    private static OpportunityDto ToDto(Opportunity o, string customer, string stage, string? owner, IReadOnlyList<CompetitorDto> competitors, IReadOnlyList<OpportunityProductDto> products) => new(
        o.Id, o.CustomerId, customer, o.Title, o.Source, o.Channel, o.Heat, o.Amount, o.Currency, o.PipelineId, o.StageId, stage, o.Probability,
        o.ExpectedCloseOn, o.OwnerId, owner, o.NextStep, StatusName(o.Status), o.CloseReason, o.ClosedAt, o.StageEnteredAt, o.CreatedAt, o.Version,
        competitors, products);

    public static string StatusName(OpportunityStatus status) => status switch
    {
        OpportunityStatus.Won => "won",
        OpportunityStatus.Lost => "lost",
        _ => "open",
    };

    public async Task<OpportunityDto> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await ProjectAsync(db, db.Opportunities.AsNoTracking().Where(o => o.Id == id), ct);
        return PersonalData.ForCaller(found.FirstOrDefault() ?? throw new NotFoundException("Opportunity"));
    }

    /// <summary>A pipeline's open opportunities by stage: counts and totals per column (grouped in the database), newest cards first.</summary>
    public async Task<BoardDto> BoardAsync(long? pipelineId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pipeline = await (pipelineId is { } id ? db.Pipelines.AsNoTracking().Where(p => p.Id == id) : db.Pipelines.AsNoTracking().OrderByDescending(p => p.IsDefault).ThenBy(p => p.Id))
            .Include(p => p.Stages).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Pipeline");
        var open = db.Opportunities.AsNoTracking().Where(o => o.PipelineId == pipeline.Id && o.Status == OpportunityStatus.Open);
        // A rep's board: from their own customers' open ones, not every open one with its reach tested (as the list does).
        if (db.OwnCustomerIds() is { } own) open = open.Where(o => own.Contains(o.CustomerId));
        var sums = await open.GroupBy(o => new { o.StageId, o.Currency })
            .Select(g => new { g.Key.StageId, g.Key.Currency, Count = g.Count(), Cents = g.Sum(o => o.AmountCents), Weighted = g.Sum(o => o.AmountCents * o.Probability) })
            .ToListAsync(ct);
        var columns = new List<BoardColumn>();
        foreach (var stage in pipeline.Stages.OrderBy(s => s.Position))
        {
            var stageId = stage.Id;
            var cards = await ProjectAsync(db, open.Where(o => o.StageId == stageId).OrderByDescending(o => o.Id).Take(BoardCards), ct);
            var mine = sums.Where(s => s.StageId == stageId).OrderBy(s => s.Currency, StringComparer.Ordinal).ToList();
            columns.Add(new BoardColumn(stageId, stage.Name, stage.Probability, mine.Sum(s => s.Count),
                [.. mine.Select(s => new CurrencyTotal(s.Currency, s.Cents / 100m, Math.Round(s.Weighted / 10000m, 2, MidpointRounding.AwayFromZero)))],
                [.. cards.OrderByDescending(c => c.Id)]));
        }
        return PersonalData.ForCaller(new BoardDto(pipeline.Id, pipeline.Name, BoardCards, columns));
    }

    public async Task<OpportunityDto> CreateAsync(OpportunityInput input, CancellationToken ct = default)
    {
        Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct)) throw new NotFoundException("Customer");
        var pipeline = input.PipelineId is { } pid
            ? await db.Pipelines.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) ?? throw ValidationException.For("pipelineId", "No such pipeline.")
            : await db.Pipelines.AsNoTracking().OrderByDescending(p => p.IsDefault).ThenBy(p => p.Id).FirstOrDefaultAsync(ct) ?? throw ValidationException.For("pipelineId", "No pipeline exists; create one first.");
        var stage = input.StageId is { } sid
            ? await db.PipelineStages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) ?? throw ValidationException.For("stageId", "No such stage.")
            : await db.PipelineStages.AsNoTracking().Where(s => s.PipelineId == pipeline.Id).OrderBy(s => s.Position).FirstOrDefaultAsync(ct) ?? throw ValidationException.For("pipelineId", "The pipeline has no stages.");
        if (stage.PipelineId != pipeline.Id) throw ValidationException.For("stageId", OpportunityRefusal.OtherPipeline().Message);
        var owner = await OwnerAsync(db, input.OwnerId, null, ct);
        var now = Now();
        var o = new Opportunity { CustomerId = input.CustomerId, PipelineId = pipeline.Id, StageId = stage.Id, Probability = input.Probability ?? stage.Probability, OwnerId = owner, StageEnteredAt = now };
        Apply(o, input);
        await ApplyChildrenAsync(db, o, input, ct);
        db.Opportunities.Add(o);
        await db.SaveChangesAsync(ct);
        db.OpportunityStageChanges.Add(Change(db, o.Id, null, o.StageId, OpportunityStatus.Open, OpportunityStatus.Open, now));
        await db.SaveChangesAsync(ct);
        return await GetAsync(o.Id, ct);
    }

    public async Task<OpportunityDto> UpdateAsync(long id, OpportunityInput input, long? expectedVersion, CancellationToken ct = default)
    {
        Validate(input);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var o = await LoadAsync(db, id, expectedVersion, ct, withChildren: true);
        if (input.CustomerId != o.CustomerId) throw ValidationException.For("customerId", "An opportunity stays on its customer.");
        var now = Now();
        var (fromStage, fromStatus, entered) = (o.StageId, o.Status, o.StageEnteredAt);
        var pipelineId = input.PipelineId ?? o.PipelineId;
        if (input.StageId is { } sid && (sid != o.StageId || pipelineId != o.PipelineId))
        {
            var stage = await db.PipelineStages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) ?? throw ValidationException.For("stageId", "No such stage.");
            if (stage.PipelineId != pipelineId) throw ValidationException.For("stageId", OpportunityRefusal.OtherPipeline().Message);
            if (o.Status != OpportunityStatus.Open) throw new ConflictException(OpportunityRefusal.Closed(o.Status).Message);
            o.PipelineId = pipelineId;
            Refuse(o.Move(stage, now));
        }
        else if (pipelineId != o.PipelineId)
        {
            throw ValidationException.For("stageId", "Moving to another pipeline needs a stage of that pipeline.");
        }
        if (input.OwnerId != o.OwnerId && input.OwnerId is not null) o.OwnerId = await OwnerAsync(db, input.OwnerId, o.OwnerId, ct);
        Apply(o, input);
        if (input.Probability is { } p) o.Probability = p;
        await ApplyChildrenAsync(db, o, input, ct);
        // Competitor and product changes alone leave the row unchanged: its version moves with them all the same.
        db.Entry(o).Property(x => x.UpdatedAt).IsModified = true;
        if (o.StageId != fromStage) db.OpportunityStageChanges.Add(Change(db, o.Id, fromStage, o.StageId, fromStatus, o.Status, now, entered));
        await SaveAsync(db, id, ct);
        return await GetAsync(id, ct);
    }

    public async Task DeleteAsync(long id, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var o = await LoadAsync(db, id, expectedVersion, ct, withChildren: true);
        db.OpportunityStageChanges.RemoveRange(await db.OpportunityStageChanges.Where(c => c.OpportunityId == id).ToListAsync(ct));
        db.Opportunities.Remove(o);
        await SaveAsync(db, id, ct);
    }

    /// <summary>Moves to a stage of the same pipeline (400 for another's, 409 when won or lost); may set the next step and the next follow-up.</summary>
    public async Task<OpportunityDto> MoveAsync(long id, OpportunityMoveInput input, long? expectedVersion, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        e.MaxLength("nextStep", input.NextStep, Opportunity.TextMaxLength);
        if (input.FollowUpOn is { } day && day < time.Today()) e.Add("followUpOn", "The follow-up cannot be in the past.");
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var o = await LoadAsync(db, id, expectedVersion, ct);
        var stage = await db.PipelineStages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == input.StageId, ct) ?? throw ValidationException.For("stageId", "No such stage.");
        var (fromStage, entered, now) = (o.StageId, o.StageEnteredAt, Now());
        Refuse(o.Move(stage, now));
        if (!string.IsNullOrWhiteSpace(input.NextStep)) o.NextStep = input.NextStep.Trim();
        if (o.StageId != fromStage) db.OpportunityStageChanges.Add(Change(db, o.Id, fromStage, o.StageId, OpportunityStatus.Open, OpportunityStatus.Open, now, entered));
        await SaveAsync(db, id, ct);
        long? task = null;
        if (input.FollowUpOn is { } on) task = await ScheduleFollowUpAsync(db, o, on, ct);
        return (await GetAsync(id, ct)) with { FollowUpTaskId = task };
    }

    public Task<OpportunityDto> WinAsync(long id, string? reason, long? expectedVersion, CancellationToken ct = default) =>
        CloseAsync(id, expectedVersion, (o, now) => o.Win(reason, now), reason, ct);

    public Task<OpportunityDto> LoseAsync(long id, string? reason, long? expectedVersion, CancellationToken ct = default) =>
        CloseAsync(id, expectedVersion, (o, now) => o.Lose(reason, now), reason, ct);

    private async Task<OpportunityDto> CloseAsync(long id, long? expectedVersion, Func<Opportunity, DateTime, OpportunityRefusal?> close, string? reason, CancellationToken ct)
    {
        var e = new FieldErrors();
        e.MaxLength("reason", reason?.Trim(), Opportunity.TextMaxLength);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var o = await LoadAsync(db, id, expectedVersion, ct);
        var (now, entered) = (Now(), o.StageEnteredAt);
        Refuse(close(o, now));
        db.OpportunityStageChanges.Add(Change(db, o.Id, o.StageId, o.StageId, OpportunityStatus.Open, o.Status, now, entered));
        await SaveAsync(db, id, ct);
        await grading.OnOpportunityClosedAsync(o.CustomerId, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Opens a won or lost opportunity again, in the stage it closed in unless another stage of its pipeline is given.</summary>
    public async Task<OpportunityDto> ReopenAsync(long id, long? stageId, long? expectedVersion, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var o = await LoadAsync(db, id, expectedVersion, ct);
        var target = stageId ?? o.StageId;
        var stage = await db.PipelineStages.AsNoTracking().FirstOrDefaultAsync(s => s.Id == target, ct) ?? throw ValidationException.For("stageId", "No such stage.");
        var (fromStage, fromStatus, now) = (o.StageId, o.Status, Now());
        Refuse(o.Reopen(stage));
        if (o.StageId != fromStage) o.StageEnteredAt = now;
        db.OpportunityStageChanges.Add(Change(db, o.Id, fromStage, o.StageId, fromStatus, OpportunityStatus.Open, now));
        await SaveAsync(db, id, ct);
        return await GetAsync(id, ct);
    }

    public async Task<IReadOnlyList<StageChangeDto>> HistoryAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Opportunities.AnyAsync(o => o.Id == id, ct)) throw new NotFoundException("Opportunity");
        var rows = await (
            from c in db.OpportunityStageChanges.AsNoTracking()
            where c.OpportunityId == id
            join to in db.PipelineStages on c.ToStageId equals to.Id
            from left in db.PipelineStages.Where(s => s.Id == c.FromStageId).DefaultIfEmpty()
            from u in db.Users.Where(u => u.Id == c.ById).DefaultIfEmpty()
            orderby c.Id
            select new { c, To = to.Name, From = left == null ? null : left.Name, By = u == null ? null : u.UserName }).ToListAsync(ct);
        return [.. rows.Select(r => new StageChangeDto(r.c.Id, r.c.FromStageId, r.From, r.c.ToStageId, r.To, StatusName(r.c.FromStatus), StatusName(r.c.ToStatus), r.c.At, r.c.ById, r.By))];
    }

    private async Task<long> ScheduleFollowUpAsync(GuanxiDbContext db, Opportunity o, DateOnly on, CancellationToken ct)
    {
        var assignee = o.OwnerId ?? await db.Customers.Where(c => c.Id == o.CustomerId).Select(c => c.OwnerId).FirstOrDefaultAsync(ct);
        var title = $"跟进商机 / Follow up opportunity #{o.Id}: {o.NextStep ?? o.Title}";
        return await tasks.ScheduleAsync(new CustomerTask
        {
            CustomerId = o.CustomerId,
            AssigneeId = assignee,
            Kind = TaskKind.Call,
            Title = title.Length <= CustomerTask.TitleMaxLength ? title : title[..CustomerTask.TitleMaxLength],
            DueAt = on.ToDateTime(PlaybookPlanner.DueTime),
            State = TaskState.Open,
            Origin = TaskOrigin.SalesFollowUp,
            StepKey = LeadGrading.OpportunityStep,
            CreatedById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
        }, ct);
    }

    private static void Validate(OpportunityInput input)
    {
        var e = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Title)) e.Add("title", "A title is required.");
        e.MaxLength("title", input.Title?.Trim(), Opportunity.TitleMaxLength);
        if (!Enum.IsDefined(input.Source)) e.Add("source", "Use Referral, Campaign, Website, TradeShow, ColdCall, ExistingCustomer or Other.");
        if (!Enum.IsDefined(input.Heat)) e.Add("heat", "Use Hot, Warm or Cold.");
        e.MaxLength("channel", input.Channel?.Trim(), Opportunity.ChannelMaxLength);
        if (!SalesRules.IsAmount(input.Amount)) e.Add("amount", "An amount is 0 or more, with at most two decimals.");
        if (input.Currency is not null && CurrencyCode.Normalize(input.Currency) is null) e.Add("currency", "Use an ISO 4217 currency code such as CNY or USD.");
        if (input.Probability is { } p && !SalesRules.IsProbability(p)) e.Add("probability", "A probability is 0 to 100.");
        e.MaxLength("nextStep", input.NextStep, Opportunity.TextMaxLength);
        for (var i = 0; i < (input.Competitors?.Count ?? 0); i++)
        {
            var c = input.Competitors![i];
            var at = string.Create(CultureInfo.InvariantCulture, $"competitors[{i}]");
            if (c is null)
            {
                e.Add(at, "A competitor needs a name.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(c.Name)) e.Add(at + ".name", "A competitor needs a name.");
            e.MaxLength(at + ".name", c.Name?.Trim(), OpportunityCompetitor.NameMaxLength);
            if (c.Price is { } price && !SalesRules.IsAmount(price)) e.Add(at + ".price", "A price is 0 or more, with at most two decimals.");
            e.MaxLength(at + ".strengths", c.Strengths, Opportunity.TextMaxLength);
        }
        for (var i = 0; i < (input.Products?.Count ?? 0); i++)
        {
            var line = input.Products![i];
            var at = string.Create(CultureInfo.InvariantCulture, $"products[{i}]");
            if (line is null)
            {
                e.Add(at, "A product line needs a productId.");
                continue;
            }
            if (line.Quantity is { } q && (q <= 0 || q > 1_000_000_000m)) e.Add(at + ".quantity", "A quantity is more than 0.");
            if (line.UnitPrice is { } price && !SalesRules.IsAmount(price)) e.Add(at + ".unitPrice", "A price is 0 or more, with at most two decimals.");
        }
        e.ThrowIfAny();
    }

    private static void Apply(Opportunity o, OpportunityInput input)
    {
        o.Title = input.Title!.Trim();
        o.Source = input.Source;
        o.Channel = string.IsNullOrWhiteSpace(input.Channel) ? null : input.Channel.Trim();
        o.Heat = input.Heat;
        o.AmountCents = SalesRules.Cents(input.Amount);
        o.Currency = CurrencyCode.Normalize(input.Currency) ?? "CNY";
        o.ExpectedCloseOn = input.ExpectedCloseDate;
        o.NextStep = string.IsNullOrWhiteSpace(input.NextStep) ? null : input.NextStep.Trim();
    }

    /// <summary>Competitors and products are replaced by the input's lists when given (null leaves them as they are).</summary>
    private static async Task ApplyChildrenAsync(GuanxiDbContext db, Opportunity o, OpportunityInput input, CancellationToken ct)
    {
        if (input.Competitors is { } competitors)
        {
            o.Competitors.Clear();
            o.Competitors.AddRange(competitors.Select(c => new OpportunityCompetitor
            {
                Name = c.Name!.Trim(),
                PriceCents = c.Price is { } p ? SalesRules.Cents(p) : null,
                Strengths = string.IsNullOrWhiteSpace(c.Strengths) ? null : c.Strengths.Trim(),
            }));
        }
        if (input.Products is { } products)
        {
            var ids = products.Select(p => p.ProductId).Distinct().ToList();
            var catalogue = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var e = new FieldErrors();
            for (var i = 0; i < products.Count; i++)
            {
                if (!catalogue.ContainsKey(products[i].ProductId)) e.Add(string.Create(CultureInfo.InvariantCulture, $"products[{i}].productId"), "No such product.");
            }
            e.ThrowIfAny();
            o.Products.Clear();
            o.Products.AddRange(products.Select(p => new OpportunityProduct
            {
                ProductId = p.ProductId,
                Quantity = p.Quantity ?? 1,
                UnitPriceCents = p.UnitPrice is { } price ? SalesRules.Cents(price) : catalogue[p.ProductId].PriceCents,
            }));
        }
    }

    /// <summary>The owner to set: the caller by default; someone else needs the right to assign owners and must exist.</summary>
    private static async Task<long?> OwnerAsync(GuanxiDbContext db, long? wanted, long? current, CancellationToken ct)
    {
        var me = db.Scope.UserId > 0 ? db.Scope.UserId : (long?)null;
        if (wanted is null || wanted == me || wanted == current) return wanted ?? me;
        db.Demand(Right.AssignOwner);
        if (!await db.Users.AnyAsync(u => u.Id == wanted, ct)) throw ValidationException.For("ownerId", "No such user.");
        return wanted;
    }

    private static void Refuse(OpportunityRefusal? refusal)
    {
        if (refusal is null) return;
        if (refusal.Conflict) throw new ConflictException(refusal.Message);
        throw ValidationException.For(refusal.Field ?? "stageId", refusal.Message);
    }

    private static async Task<Opportunity> LoadAsync(GuanxiDbContext db, long id, long? expectedVersion, CancellationToken ct, bool withChildren = false)
    {
        var q = db.Opportunities.Where(o => o.Id == id);
        if (withChildren) q = q.Include(o => o.Competitors).Include(o => o.Products);
        var o = await q.FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Opportunity");
        if (expectedVersion is { } v && v != o.Version)
            throw new ConcurrencyConflictException($"Opportunity {id} is at version {o.Version}, not {v}. Reload and apply the change again.");
        return o;
    }

    private static async Task SaveAsync(GuanxiDbContext db, long id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"Opportunity {id} was changed by someone else meanwhile. Reload and apply the change again.");
        }
    }

    /// <summary>A row of the timeline; <paramref name="entered"/> is when the stage left was entered (its time counts for an open opportunity only).</summary>
    private static OpportunityStageChange Change(GuanxiDbContext db, long id, long? from, long to, OpportunityStatus fromStatus, OpportunityStatus toStatus, DateTime at, DateTime? entered = null) => new()
    {
        OpportunityId = id,
        FromStageId = from,
        ToStageId = to,
        FromStatus = fromStatus,
        ToStatus = toStatus,
        At = at,
        ById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
        SecondsInStage = entered is { } e && fromStatus == OpportunityStatus.Open ? OpportunityStageChange.Seconds(e, at) : null,
    };
}
