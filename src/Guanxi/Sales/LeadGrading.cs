using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Maintenance;
using Guanxi.Domain.Sales;
using Guanxi.Hosting;
using Guanxi.Maintenance;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Sales;

/// <summary>
/// Lead grades: the company's grade rules (cadence and next steps), a customer's grade with its history, and the task
/// engine hook — setting a grade schedules the follow-up its cadence asks for (replacing an open one from the last
/// grade); an S lead's daily follow-up stops when its last open opportunity is won or lost.
/// </summary>
public sealed class LeadGrading(IDbContextFactory<GuanxiDbContext> contexts, TaskService tasks, TimeProvider time)
{
    /// <summary>The step key of the follow-up a grade's cadence schedules.</summary>
    public const string GradeStep = "grade";

    /// <summary>The step key of a follow-up set when an opportunity moves.</summary>
    public const string OpportunityStep = "opportunity";

    public static string Name(LeadGrade grade) => grade.ToString();

    public async Task<IReadOnlyList<GradeRuleDto>> RulesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rules = await db.LeadGradeRules.AsNoTracking().ToListAsync(ct);
        return [.. rules.OrderBy(r => r.Grade).Select(ToDto)];
    }

    private static GradeRuleDto ToDto(LeadGradeRule r) =>
        new(Name(r.Grade), r.CadenceDays, r.UntilClosed, r.NextSteps.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), r.Version);

    /// <summary>Changes the rules of the grades given (the others stay); every grade at most once.</summary>
    public async Task<IReadOnlyList<GradeRuleDto>> PutRulesAsync(IReadOnlyList<GradeRuleInput> input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        var seen = new HashSet<LeadGrade>();
        var parsed = new List<(LeadGrade Grade, GradeRuleInput Rule, string Steps)>();
        for (var i = 0; i < input.Count; i++)
        {
            var at = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{i}]");
            if (input[i] is null)
            {
                e.Add(at, "Give the grade, its cadence and its next steps.");
                continue;
            }
            var grade = LeadGrades.Parse(input[i].Grade);
            if (grade is null) e.Add(at + ".grade", "A grade is S, A, B, C or D.");
            else if (!seen.Add(grade.Value)) e.Add(at + ".grade", "The grade is given twice.");
            if (input[i].CadenceDays is < 1 or > LeadGradeRule.MaxCadenceDays) e.Add(at + ".cadenceDays", $"A cadence is 1 to {LeadGradeRule.MaxCadenceDays} days.");
            var steps = string.Join("\n", (input[i].NextSteps ?? []).Select(s => s?.Trim()).Where(s => !string.IsNullOrEmpty(s)));
            e.MaxLength(at + ".nextSteps", steps, LeadGradeRule.NextStepsMaxLength);
            if (steps.Contains('\r', StringComparison.Ordinal)) e.Add(at + ".nextSteps", "One step a line, without line breaks inside a step.");
            if (grade is { } g) parsed.Add((g, input[i], steps));
        }
        if (input.Count == 0) e.Add("grades", "Give at least one grade's rule.");
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rules = await db.LeadGradeRules.ToDictionaryAsync(r => r.Grade, ct);
        foreach (var (grade, rule, steps) in parsed)
        {
            if (!rules.TryGetValue(grade, out var row)) db.LeadGradeRules.Add(row = rules[grade] = new LeadGradeRule { Grade = grade, Version = 1 });
            row.CadenceDays = rule.CadenceDays;
            row.UntilClosed = rule.UntilClosed;
            row.NextSteps = steps;
        }
        await db.SaveChangesAsync(ct);
        return [.. rules.Values.OrderBy(r => r.Grade).Select(ToDto)];
    }

    public async Task<CustomerGradeDto> GetAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Grade, c.GradeReason, c.GradeSetAt, c.ConvertedAt }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("Customer");
        var history = await (
            from g in db.CustomerGradeChanges.AsNoTracking()
            where g.CustomerId == customerId
            from u in db.Users.Where(u => u.Id == g.ById).DefaultIfEmpty()
            orderby g.Id descending
            select new { g, By = u == null ? null : u.UserName }).ToListAsync(ct);
        var task = await db.Tasks.AsNoTracking().Where(t => t.CustomerId == customerId && t.Origin == TaskOrigin.SalesFollowUp && t.StepKey == GradeStep && t.State == TaskState.Open)
            .OrderByDescending(t => t.Id).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        return PersonalData.ForCaller(new CustomerGradeDto(customerId, customer.Grade is { } grade ? Name(grade) : null, customer.GradeReason, customer.GradeSetAt, task,
            [.. history.Select(h => new GradeChangeDto(h.g.Id, h.g.FromGrade is { } f ? Name(f) : null, h.g.ToGrade is { } t ? Name(t) : null, h.g.Reason, h.g.ById, h.By, h.g.At))], customer.ConvertedAt));
    }

    /// <summary>Grades a customer (a lead): 400 for a grade outside S/A/B/C/D or no reason; the change is kept as history.</summary>
    public async Task<CustomerGradeDto> SetAsync(long customerId, GradeInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        var grade = LeadGrades.Parse(input.Grade);
        if (grade is null) e.Add("grade", "A grade is S, A, B, C or D.");
        if (string.IsNullOrWhiteSpace(input.Reason)) e.Add("reason", "Say why the lead has this grade.");
        e.MaxLength("reason", input.Reason?.Trim(), CustomerGradeChange.ReasonMaxLength);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.WorkOpportunities);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct) ?? throw new NotFoundException("Customer");
        var now = time.GetUtcNow().UtcDateTime;
        var reason = input.Reason!.Trim();
        db.CustomerGradeChanges.Add(new CustomerGradeChange
        {
            CustomerId = customerId,
            FromGrade = customer.Grade,
            ToGrade = grade!.Value,
            Reason = reason,
            At = now,
            ById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
        });
        customer.Grade = grade;
        customer.GradeReason = reason;
        customer.GradeSetAt = now;
        await db.SaveChangesAsync(ct);

        var rule = await db.LeadGradeRules.AsNoTracking().FirstOrDefaultAsync(r => r.Grade == grade, ct)
            ?? LeadGrades.Defaults.First(r => r.Grade == grade);
        await CancelOpenFollowUpsAsync(customerId, ct);
        var first = rule.NextSteps.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var title = $"{Name(grade.Value)} 级线索跟进 / Grade {Name(grade.Value)} lead follow-up" + (first is null ? "" : ": " + first);
        await tasks.ScheduleAsync(new CustomerTask
        {
            CustomerId = customerId,
            AssigneeId = customer.OwnerId,
            Kind = TaskKind.Call,
            Title = title.Length <= CustomerTask.TitleMaxLength ? title : title[..CustomerTask.TitleMaxLength],
            Notes = rule.NextSteps,
            DueAt = LeadGrades.NextFollowUp(rule, time.Today()).ToDateTime(PlaybookPlanner.DueTime),
            Priority = grade is LeadGrade.S or LeadGrade.A ? TaskPriority.High : TaskPriority.Normal,
            State = TaskState.Open,
            Origin = TaskOrigin.SalesFollowUp,
            StepKey = GradeStep,
            CreatedById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
        }, ct);
        return await GetAsync(customerId, ct);
    }

    /// <summary>
    /// Converts a lead into a customer: the grade ends (a history row from the grade to none, with the reason), the
    /// conversion's day is kept, and the open grade follow-up is cancelled. The record stays the same customer, so its
    /// grade history, opportunities, interactions and tasks stay with it. Not a lead (never graded, or already
    /// converted): 409.
    /// </summary>
    public async Task<CustomerGradeDto> ConvertAsync(long customerId, ConvertInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Reason)) e.Add("reason", "Say why the lead became a customer (e.g. the first contract).");
        e.MaxLength("reason", input.Reason?.Trim(), CustomerGradeChange.ReasonMaxLength);
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Demand(Right.WorkOpportunities);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct) ?? throw new NotFoundException("Customer");
        if (customer.Grade is null) throw new ConflictException("Only a graded lead is converted: this customer has no grade.");
        var now = time.GetUtcNow().UtcDateTime;
        db.CustomerGradeChanges.Add(new CustomerGradeChange
        {
            CustomerId = customerId,
            FromGrade = customer.Grade,
            ToGrade = null,
            Reason = input.Reason!.Trim(),
            At = now,
            ById = db.Scope.UserId > 0 ? db.Scope.UserId : null,
        });
        customer.Grade = null;
        customer.GradeReason = null;
        customer.GradeSetAt = null;
        customer.ConvertedAt = now;
        await db.SaveChangesAsync(ct);
        await CancelOpenFollowUpsAsync(customerId, ct);
        return await GetAsync(customerId, ct);
    }

    /// <summary>
    /// After a won or lost opportunity: a lead whose grade follows up only until closed (S) and that has no open
    /// opportunity left gets its open grade follow-up cancelled.
    /// </summary>
    public async Task OnOpportunityClosedAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var grade = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.Grade).FirstOrDefaultAsync(ct);
        if (grade is null) return;
        var rule = await db.LeadGradeRules.AsNoTracking().FirstOrDefaultAsync(r => r.Grade == grade, ct) ?? LeadGrades.Defaults.First(r => r.Grade == grade);
        var open = await db.Opportunities.AnyAsync(o => o.CustomerId == customerId && o.Status == OpportunityStatus.Open, ct);
        if (!LeadGrades.CadenceRuns(rule, open)) await CancelOpenFollowUpsAsync(customerId, ct);
    }

    /// <summary>The grade follow-ups are the system's work (written as the system, audited like any task change).</summary>
    private async Task CancelOpenFollowUpsAsync(long customerId, CancellationToken ct) =>
        await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var sys = await contexts.CreateDbContextAsync(ct);
            var open = await sys.Tasks.Where(t => t.CustomerId == customerId && t.Origin == TaskOrigin.SalesFollowUp && t.StepKey == GradeStep && t.State == TaskState.Open).ToListAsync(ct);
            foreach (var t in open) t.State = TaskState.Cancelled;
            await sys.SaveChangesAsync(ct);
            return open.Count;
        });
}
