using System.Globalization;
using System.Threading.RateLimiting;
using Guanxi.Common;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Models;
using Guanxi.Domain.Service;
using Guanxi.Models;
using Guanxi.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guanxi.Service;

/// <summary>Satisfaction surveys (section <c>Surveys</c>).</summary>
public sealed class SurveyOptions
{
    /// <summary>Days a survey link takes an answer.</summary>
    public int ExpiryDays { get; set; } = 14;

    /// <summary>The survey sent when a request is resolved: csat or nps.</summary>
    public SurveyKind OnResolution { get; set; } = SurveyKind.Csat;

    /// <summary>Unknown links one address may try per minute before it is refused (429): guessing stays hopeless.</summary>
    public int GuessesPerMinute { get; set; } = 10;
}

public sealed record SurveyInput(long? ServiceRequestId, long? CustomerId, string? Kind);

/// <summary>
/// A new survey's public link: <see cref="Token"/> is shown once (only its hash is stored). <see cref="Mailed"/>: an
/// invitation with the link is in the outbox, to the customer's e-mail address; otherwise the agent passes the link on.
/// </summary>
public sealed record SurveyLinkDto(long Id, string Kind, long CustomerId, long? ServiceRequestId, string Token, string Path, string Url, DateTime ExpiresAt, bool Mailed = false);

public sealed record SurveyDto(long Id, string Kind, long CustomerId, long? ServiceRequestId, int? Score, [property: PersonalData(PersonalKind.FreeText)] string? Comment, DateTime CreatedAt, DateTime ExpiresAt, DateTime? AnsweredAt);

/// <summary>The customer's answer: a score in the survey's range (CSAT 1–5, NPS 0–10) and an optional comment.</summary>
public sealed record SurveyAnswerInput(int? Score, string? Comment);

public sealed record SurveyAnswerDto(string Kind, int Score, DateTime AnsweredAt);

/// <summary>One group of results: surveys sent, CSAT answers and mean, NPS answers and score (promoters % − detractors %).</summary>
public sealed record SurveyResultRow(string Key, string? Label, int Sent, int CsatAnswers, double? CsatAverage, int NpsAnswers, int? Nps, int Promoters, int Detractors);

public sealed record SurveyResultsDto(string By, string? Model, IReadOnlyList<SurveyResultRow> Rows);

/// <summary>What the public form shows: the survey's kind and, for a request's survey, its subject.</summary>
public sealed record PublicSurveyView(SurveyKind Kind, string? Subject, long? RequestId);

public enum PublicLinkState
{
    Open,
    Unknown,
    Gone,
    Throttled,
}

/// <summary>
/// Counts unknown public-link tokens (surveys, progress links) per address: once an address has spent its guesses for the
/// minute (<see cref="SurveyOptions.GuessesPerMinute"/>) every public lookup from it is refused (429), known tokens
/// included, so guessing costs the guesser and not the customers. The framework's partitioned fixed-window limiter.
/// </summary>
public sealed class PublicLinkGuard(IOptions<SurveyOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _guesses = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.GuessesPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool Throttled(string address) => _guesses.GetStatistics(address)?.CurrentAvailablePermits == 0;

    /// <summary>Spends one guess; false when none was left.</summary>
    public bool Miss(string address)
    {
        using var lease = _guesses.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _guesses.Dispose();
}

/// <summary>
/// CSAT and NPS surveys (满意度调查): sent on demand or when a request is resolved, answered once through a public link
/// whose random token is the only credential (stored hashed, expiring). Unknown tokens are counted per address and
/// refused once too many (<see cref="SurveyOptions.GuessesPerMinute"/>). Results group the answers by agent, team,
/// request type or customer layer within the caller's reach.
/// </summary>
public sealed class SurveyService(
    IDbContextFactory<GuanxiDbContext> contexts, PublicLinkGuard guard, IOptions<SurveyOptions> options, IOptions<Marketing.OutboxOptions> outbox, TimeProvider time)
{

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    public static SurveyKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "csat" => SurveyKind.Csat,
        "nps" => SurveyKind.Nps,
        _ => null,
    };

    public static string Name(SurveyKind kind) => kind == SurveyKind.Nps ? "nps" : "csat";

    /// <summary>A survey about a request (its customer, agent, team and type) or about a customer; out of reach is 404.</summary>
    public async Task<SurveyLinkDto> CreateAsync(SurveyInput input, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        var kind = ParseKind(input.Kind);
        if (kind is null) e.Add("kind", "Use csat (1–5) or nps (0–10).");
        if (input.ServiceRequestId is null && input.CustomerId is null) e.Add("serviceRequestId", "Name the service request (serviceRequestId) or the customer (customerId).");
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (input.ServiceRequestId is { } requestId)
        {
            var r = await db.ServiceRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == requestId, ct) ?? throw new NotFoundException("Service request");
            if (input.CustomerId is { } c && c != r.CustomerId) throw ValidationException.For("customerId", "The request belongs to another customer; give one of the two.");
            return await IssueAsync(db, r, kind!.Value, ct);
        }
        var customerId = input.CustomerId!.Value;
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer");
        return await IssueAsync(db, new SatisfactionSurvey { CustomerId = customerId, Kind = kind!.Value }, null, ct);
    }

    /// <summary>The survey sent when <paramref name="request"/> is resolved, written in the resolving caller's context.</summary>
    internal Task<SurveyLinkDto> OnResolvedAsync(GuanxiDbContext db, ServiceRequest request, CancellationToken ct) =>
        IssueAsync(db, request, options.Value.OnResolution, ct);

    private async Task<SurveyLinkDto> IssueAsync(GuanxiDbContext db, ServiceRequest r, SurveyKind kind, CancellationToken ct)
    {
        var team = r.TeamId ?? (r.AssigneeId is { } a ? await db.Users.Where(u => u.Id == a).Select(u => u.TeamId).FirstOrDefaultAsync(ct) : null);
        return await IssueAsync(db, new SatisfactionSurvey
        {
            CustomerId = r.CustomerId,
            ServiceRequestId = r.Id,
            AgentId = r.AssigneeId,
            TeamId = team,
            RequestType = r.Type,
            Kind = kind,
        }, r.Subject, ct);
    }

    /// <summary>
    /// Writes the survey and its invitation together (one transaction): the outbox sends the invitation like every message
    /// (docs/marketing.md) to the customer's e-mail address, unless they have none or unsubscribed
    /// (<see cref="Marketing.OutboxWriter.AddServiceMailAsync"/>); then the agent passes the link on.
    /// </summary>
    private async Task<SurveyLinkDto> IssueAsync(GuanxiDbContext db, SatisfactionSurvey survey, string? requestSubject, CancellationToken ct)
    {
        var token = StaffDirectory.RandomSecret(32);
        var now = Now();
        var days = Math.Max(1, options.Value.ExpiryDays);
        survey.TokenHash = StaffDirectory.HashOf(token);
        survey.CreatedAt = now;
        survey.ExpiresAt = now.AddDays(days);
        survey.CreatedById = db.Scope.UserId > 0 ? db.Scope.UserId : null;
        var path = "/s/" + token;
        var url = outbox.Value.PublicUrl.TrimEnd('/') + path;
        await using (var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            db.SatisfactionSurveys.Add(survey);
            await db.SaveChangesAsync(ct);
            var mail = await Marketing.OutboxWriter.AddServiceMailAsync(db, survey.CustomerId, "survey:" + survey.Id.ToString(CultureInfo.InvariantCulture),
                outbox.Value.PublicUrl, now, unsubscribe => SurveyInvitation.Write(survey.Kind, requestSubject, url, days, unsubscribe), ct);
            if (mail is not null)
            {
                mail.SurveyId = survey.Id;
                await db.SaveChangesAsync(ct);
            }
            if (tx is not null) await tx.CommitAsync(ct);
            return new SurveyLinkDto(survey.Id, Name(survey.Kind), survey.CustomerId, survey.ServiceRequestId, token, path, url, survey.ExpiresAt, mail is not null);
        }
    }

    /// <summary>A customer's surveys, newest first (the 360 page's satisfaction history).</summary>
    public async Task<IReadOnlyList<SurveyDto>> OfCustomerAsync(long customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct)) throw new NotFoundException("Customer");
        var rows = await db.SatisfactionSurveys.AsNoTracking().Where(s => s.CustomerId == customerId).OrderByDescending(s => s.Id).Take(100)
            .Select(s => new SurveyDto(s.Id, s.Kind == SurveyKind.Nps ? "nps" : "csat", s.CustomerId, s.ServiceRequestId, s.Score, s.Comment, s.CreatedAt, s.ExpiresAt, s.AnsweredAt))
            .ToListAsync(ct);
        return PersonalData.ForCaller(rows);
    }

    /// <summary>
    /// Looks a public token up. An unknown one spends one of the address's guesses; once they are spent every lookup from
    /// that address is refused for the rest of the minute, known tokens included, so guessing costs the guesser.
    /// </summary>
    public async Task<(PublicLinkState State, SatisfactionSurvey? Survey, string? Subject)> FindAsync(string? token, string address, CancellationToken ct = default)
    {
        if (guard.Throttled(address)) return (PublicLinkState.Throttled, null, null);
        var hash = string.IsNullOrEmpty(token) || token.Length > 100 ? null : StaffDirectory.HashOf(token);
        // The caller is anonymous: the token is the credential being checked, so the lookup is the system's.
        var found = hash is null ? null : await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await (
                from s in db.SatisfactionSurveys.AsNoTracking()
                from r in db.ServiceRequests.Where(r => r.Id == s.ServiceRequestId).DefaultIfEmpty()
                where s.TokenHash == hash
                select new { s, Subject = r == null ? null : r.Subject }).FirstOrDefaultAsync(ct);
        });
        if (found is null)
        {
            return (guard.Miss(address) ? PublicLinkState.Unknown : PublicLinkState.Throttled, null, null);
        }
        return (found.s.IsOpen(Now()) ? PublicLinkState.Open : PublicLinkState.Gone, found.s, found.Subject);
    }

    /// <summary>Records the answer once: 400 naming the field for a bad score or comment; the caller has checked the link is open.</summary>
    public async Task<(SurveyAnswerOutcome Outcome, SurveyAnswerDto? Answer)> AnswerAsync(long surveyId, SurveyAnswerInput input, CancellationToken ct = default)
    {
        return await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var survey = await db.SatisfactionSurveys.FirstOrDefaultAsync(s => s.Id == surveyId, ct) ?? throw new NotFoundException("Survey");
            var e = new FieldErrors();
            var (min, max) = SatisfactionSurvey.Range(survey.Kind);
            if (input.Score is not { } score || score < min || score > max)
                e.Add("score", string.Create(CultureInfo.InvariantCulture, $"Give a score from {min} to {max}."));
            e.MaxLength("comment", input.Comment, SatisfactionSurvey.CommentMaxLength);
            if (survey.IsOpen(Now())) e.ThrowIfAny();
            var outcome = survey.Answer(input.Score ?? -1, input.Comment, Now());
            if (outcome != SurveyAnswerOutcome.Recorded) return (outcome, (SurveyAnswerDto?)null);
            try
            {
                // Two answers racing: the answered time is the survey's concurrency token, so the second save finds it taken.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return (SurveyAnswerOutcome.AlreadyAnswered, null);
            }
            return (SurveyAnswerOutcome.Recorded, new SurveyAnswerDto(Name(survey.Kind), survey.Score!.Value, survey.AnsweredAt!.Value));
        });
    }

    /// <summary>Results of the surveys in the caller's reach, grouped by agent, team, request type or customer layer (a model's class in the latest run).</summary>
    public async Task<SurveyResultsDto> ResultsAsync(string? by, string? model, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var e = new FieldErrors();
        var grouping = by?.Trim().ToLowerInvariant() ?? "agent";
        if (grouping is not ("agent" or "team" or "type" or "layer")) e.Add("by", "Use agent, team, type or layer.");
        var layerModel = grouping == "layer" ? ModelCatalog.Find(model ?? ModelKeys.Comprehensive) : null;
        if (grouping == "layer" && layerModel is null) e.Add("model", "Name a built-in model, e.g. comprehensive, value or member_tier.");
        if (from is { Year: < 2000 or > 2100 }) e.Add("from", "Use a day between 2000 and 2100.");
        if (to is { Year: < 2000 or > 2100 }) e.Add("to", "Use a day between 2000 and 2100.");
        e.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.SatisfactionSurveys.AsNoTracking();
        if (from is { } f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(s => s.CreatedAt >= start);
        }
        if (to is { } t)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            q = q.Where(s => s.CreatedAt < end);
        }
        List<Bucket> buckets;
        switch (grouping)
        {
            case "agent":
                buckets = await ByIdAsync(q, false, ct);
                var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => Invariant(u.Id), u => u.UserName, ct);
                return Rows(grouping, null, buckets, k => k is null ? null : users.GetValueOrDefault(k));
            case "team":
                buckets = await ByIdAsync(q, true, ct);
                var teams = await db.Teams.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => Invariant(x.Id), x => x.Name, ct);
                return Rows(grouping, null, buckets, k => k is null ? null : teams.GetValueOrDefault(k));
            case "type":
                var byType = await q.GroupBy(s => new { s.RequestType, s.Kind }).Select(g => new
                {
                    g.Key.RequestType,
                    g.Key.Kind,
                    Sent = g.Count(),
                    Answers = g.Count(s => s.Score != null),
                    Sum = g.Sum(s => (long?)s.Score) ?? 0,
                    P = g.Count(s => s.Score >= 9),
                    D = g.Count(s => s.Score <= 6),
                }).ToListAsync(ct);
                buckets = [.. byType.Select(x => new Bucket(x.RequestType?.ToString().ToLowerInvariant(), x.Kind, x.Sent, x.Answers, x.Sum, x.P, x.D))];
                return Rows(grouping, null, buckets, k => k);
            default:
                var run = await db.ModelRuns.AsNoTracking().Where(r => r.Status == ModelRunStatus.Succeeded).OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
                var property = ModelQueries.PropertyOf(layerModel!.Key);
                var layered = await (
                    from s in q
                    from m in db.ModelResults.Where(m => m.RunId == run && m.CustomerId == s.CustomerId).DefaultIfEmpty()
                    group s by new { Class = m == null ? null : EF.Property<short?>(m, property), s.Kind } into g
                    select new { g.Key.Class, g.Key.Kind, Sent = g.Count(), Answers = g.Count(s => s.Score != null), Sum = g.Sum(s => (long?)s.Score) ?? 0, P = g.Count(s => s.Score >= 9), D = g.Count(s => s.Score <= 6) })
                    .ToListAsync(ct);
                buckets = [.. layered.Select(x => new Bucket(ModelQueries.Key(layerModel, x.Class), x.Kind, x.Sent, x.Answers, x.Sum, x.P, x.D))];
                return Rows(grouping, layerModel.Key, buckets, k => k is null ? null : layerModel.Classes.FirstOrDefault(c => c.Key == k) is { } c ? (UiLanguageIsChinese() ? c.NameZh : c.NameEn) : null);
        }
    }

    private static bool UiLanguageIsChinese() => Components.UiCulture.IsChinese(CultureInfo.CurrentUICulture);

    private sealed record Bucket(string? Key, SurveyKind Kind, int Sent, int Answers, long Sum, int Promoters, int Detractors);

    /// <summary>One grouped query by a user or team id and the kind.</summary>
    private static async Task<List<Bucket>> ByIdAsync(IQueryable<SatisfactionSurvey> q, bool byTeam, CancellationToken ct)
    {
        var rows = await q.GroupBy(s => new { Id = byTeam ? s.TeamId : s.AgentId, s.Kind }).Select(g => new
        {
            g.Key.Id,
            g.Key.Kind,
            Sent = g.Count(),
            Answers = g.Count(s => s.Score != null),
            Sum = g.Sum(s => (long?)s.Score) ?? 0,
            P = g.Count(s => s.Score >= 9),
            D = g.Count(s => s.Score <= 6),
        }).ToListAsync(ct);
        return [.. rows.Select(r => new Bucket(r.Id is { } v ? Invariant(v) : null, r.Kind, r.Sent, r.Answers, r.Sum, r.P, r.D))];
    }

    private static SurveyResultsDto Rows(string by, string? model, List<Bucket> buckets, Func<string?, string?> label)
    {
        var rows = new List<SurveyResultRow>();
        foreach (var g in buckets.GroupBy(b => b.Key))
        {
            var csat = g.Where(b => b.Kind == SurveyKind.Csat).ToList();
            var nps = g.Where(b => b.Kind == SurveyKind.Nps).ToList();
            int csatAnswers = csat.Sum(b => b.Answers), npsAnswers = nps.Sum(b => b.Answers);
            int promoters = nps.Sum(b => b.Promoters), detractors = nps.Sum(b => b.Detractors);
            double? mean = csatAnswers == 0 ? null : Math.Round((double)csat.Sum(b => b.Sum) / csatAnswers, 2);
            int? score = npsAnswers == 0 ? null : (int)Math.Round(100.0 * (promoters - detractors) / npsAnswers);
            rows.Add(new SurveyResultRow(g.Key ?? "none", label(g.Key), g.Sum(b => b.Sent), csatAnswers, mean, npsAnswers, score, promoters, detractors));
        }
        return new SurveyResultsDto(by, model, [.. rows.OrderBy(r => r.Key == "none" ? 1 : 0).ThenBy(r => r.Key, StringComparer.Ordinal)]);
    }

    private static string Invariant(long id) => id.ToString(CultureInfo.InvariantCulture);
}
