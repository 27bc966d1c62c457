using System.Threading.RateLimiting;
using Guanxi.Data;
using Guanxi.Data.Marketing;
using Guanxi.Data.Security;
using Guanxi.Domain.Marketing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Guanxi.Marketing;

/// <summary>What one pass of the sender did.</summary>
public sealed record OutboxPass(int Recovered, int Claimed, int Sent, int Retried, int Failed);

/// <summary>
/// Sends due outbox messages. Exactly what it guarantees (docs/marketing.md): a message is <b>never handed to the
/// SMTP server or gateway twice</b>. A pass claims due rows under a lease (one conditional update: queued → sending
/// with a claim id), commits <see cref="OutboxMessage.HandedOverAt"/> just before handing each one over, and commits
/// the outcome after. A message whose lease ran out (the process died) is queued again only when it was never handed
/// over; one that was handed over is marked failed ("outcome unknown") and not resent, since the server may have
/// accepted it. Transient failures are retried with exponential backoff up to <see cref="OutboxOptions.MaxAttempts"/>;
/// a permanent refusal (an invalid address) fails that message only. Each channel has its own rate limit.
/// </summary>
public sealed class OutboxSender : IDisposable
{
    private readonly IDbContextFactory<GuanxiDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly OutboxOptions _options;
    private readonly SmtpTransport _smtp;
    private readonly GatewayTransport _gateway;
    private readonly OutboxWriter _writer;
    private readonly Dictionary<MarketingChannel, RateLimiter> _limits;
    private readonly SemaphoreSlim _onePass = new(1, 1);

    public OutboxSender(IDbContextFactory<GuanxiDbContext> contexts, TimeProvider time, IOptions<OutboxOptions> options, SmtpTransport smtp, GatewayTransport gateway, OutboxWriter writer)
    {
        (_contexts, _time, _options, _smtp, _gateway, _writer) = (contexts, time, options.Value, smtp, gateway, writer);
        _limits = new()
        {
            [MarketingChannel.Email] = Bucket(_options.EmailPerSecond),
            [MarketingChannel.Sms] = Bucket(_options.SmsPerSecond),
            [MarketingChannel.WeChat] = Bucket(_options.WeChatPerSecond),
        };
    }

    private static TokenBucketRateLimiter Bucket(int perSecond) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, perSecond),
        TokensPerPeriod = Math.Max(1, perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;

    /// <summary>One pass as the system: recover expired claims, claim what is due, send it. Passes do not overlap in a process; across processes the claim keeps them apart.</summary>
    public Task<OutboxPass> SendDueAsync(CancellationToken ct = default) => CurrentUser.RunAsAsync(AccessScope.System, async () =>
    {
        await _onePass.WaitAsync(ct);
        try
        {
            return await PassAsync(ct);
        }
        finally
        {
            _onePass.Release();
        }
    });

    private async Task<OutboxPass> PassAsync(CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var now = Now();
        var (requeued, unknown) = await db.RecoverExpiredClaimsAsync(now, ct);
        var mine = await db.ClaimDueAsync(now, _options.BatchSize, Guid.NewGuid().ToString("D"), now.AddSeconds(Math.Max(1, _options.LeaseSeconds)), ct);
        if (mine.Count == 0) return new OutboxPass(requeued + unknown, 0, 0, 0, 0);
        // One message tracked at a time: every save's interceptors walk the tracked entries (each walk detecting changes),
        // and with the whole claimed batch tracked that walk was most of the sender's CPU (about 200 entries, two saves a
        // message). A message is attached just before its hand-over and detached after its outcome.
        db.ChangeTracker.Clear();

        int sent = 0, retried = 0, failed = 0;
        void Track(OutboxMessage m)
        {
            if (db.Entry(m).State == EntityState.Detached) db.Attach(m);
        }
        async Task HandOver(OutboxMessage m)
        {
            using var permit = await _limits[m.Channel].AcquireAsync(1, ct);
            Track(m);
            m.HandedOverAt = Now();
            await db.SaveChangesAsync(ct);
        }
        async Task Done(OutboxMessage m, SendOutcome outcome, string? error)
        {
            Track(m); // an address refused before any hand-over comes here first
            m.ClaimId = null;
            switch (outcome)
            {
                case SendOutcome.Accepted:
                    (m.Status, m.SentAt, m.LeaseUntil, m.LastError) = (OutboxStatus.Sent, Now(), null, null);
                    sent++;
                    break;
                case SendOutcome.Permanent:
                    (m.Status, m.LeaseUntil, m.LastError) = (OutboxStatus.Failed, null, OutboxRules.Clip(error ?? "refused"));
                    failed++;
                    break;
                default:
                    m.HandedOverAt = null;
                    OutboxRules.Retry(m, error ?? "failed", Now(), TimeSpan.FromSeconds(Math.Max(1, _options.FirstRetrySeconds)), _options.MaxAttempts);
                    if (m.Status == OutboxStatus.Failed) failed++; else retried++;
                    break;
            }
            await db.SaveChangesAsync(ct);
            db.Entry(m).State = EntityState.Detached;
        }

        var emails = mine.Where(m => m.Channel == MarketingChannel.Email).Select(m => (m, _writer.UnsubscribeUrl(m.UnsubscribeToken))).ToList();
        if (emails.Count > 0) await _smtp.SendAsync(emails, HandOver, Done, ct);
        foreach (var m in mine.Where(m => m.Channel != MarketingChannel.Email))
        {
            await HandOver(m);
            var (outcome, error) = await _gateway.SendAsync(m, ct);
            await Done(m, outcome, error);
        }
        return new OutboxPass(requeued + unknown, mine.Count, sent, retried, failed);
    }

    public void Dispose()
    {
        foreach (var l in _limits.Values) l.Dispose();
        _onePass.Dispose();
    }
}

/// <summary>
/// Runs <see cref="OutboxSender"/> unless <c>Outbox:Background</c> is false: after a pass that claimed messages the next
/// pass starts at once (more may be due: a campaign is sent batch after batch at the rate limit, not one batch per poll);
/// after an empty or failed pass it waits <see cref="OutboxOptions.PollSeconds"/>.
/// </summary>
public sealed partial class OutboxBackgroundSender(OutboxSender sender, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxBackgroundSender> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Background) return;
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        var busy = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Messages retried later are not due yet, so they do not keep this loop busy: the next pass claims none and waits.
                if (!busy) await Task.Delay(poll, time, stoppingToken);
                busy = false;
                var pass = await sender.SendDueAsync(stoppingToken);
                busy = pass.Claimed > 0;
                if (busy) LogPass(pass.Claimed, pass.Sent, pass.Retried, pass.Failed);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed pass (the database away for a moment) must not stop the host: the next poll tries again.
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Claimed} claimed, {Sent} sent, {Retried} to retry, {Failed} failed")]
    private partial void LogPass(int claimed, int sent, int retried, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox pass failed; trying again at the next poll")]
    private partial void LogFailed(Exception e);
}
