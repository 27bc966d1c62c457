namespace Guanxi.Domain.Marketing;

public enum OutboxStatus
{
    /// <summary>Written, waiting for its next attempt.</summary>
    Queued,
    /// <summary>Claimed by a sender under a lease; being handed to the SMTP server or gateway.</summary>
    Sending,
    /// <summary>Accepted by the SMTP server or gateway.</summary>
    Sent,
    /// <summary>Given up: a permanent refusal, retries used up, or an attempt whose outcome is unknown (never resent).</summary>
    Failed,
    /// <summary>Not sent by rule (no consent, unsubscribed, no address, frequency cap); kept so it is counted.</summary>
    Excluded,
}

/// <summary>
/// One message to one customer, written before it is sent (the durable outbox). Its idempotency key is unique, so
/// writing the same message twice (a campaign sent again, a care rule run twice) adds nothing; its unsubscribe token
/// is the public link's only credential.
/// </summary>
public sealed class OutboxMessage
{
    public const int AddressMaxLength = 254;
    public const int ErrorMaxLength = 1000;
    public const int KeyMaxLength = 100;
    public const int TokenLength = 43;

    public long Id { get; set; }
    public MarketingChannel Channel { get; set; }
    public long CustomerId { get; set; }

    /// <summary>E-mail address, mobile number or WeChat id at the time of writing; null when the customer had none.</summary>
    public string? Address { get; set; }

    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public long? TemplateId { get; set; }
    public long? CampaignId { get; set; }
    public long? CareRuleId { get; set; }

    /// <summary>The satisfaction survey this message invites the customer to answer (a service message, not marketing's).</summary>
    public long? SurveyId { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>While <see cref="OutboxStatus.Sending"/>: when the claim runs out.</summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>The claim that holds the lease (a random id per sender pass): only its holder marks the outcome.</summary>
    public string? ClaimId { get; set; }

    /// <summary>Set, and committed, just before the message is handed to the SMTP server or gateway: an interrupted
    /// message without it never left and is queued again; one with it may have been accepted and is never resent.</summary>
    public DateTime? HandedOverAt { get; set; }

    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string IdempotencyKey { get; set; } = "";
    public string UnsubscribeToken { get; set; } = "";
    public DateTime? UnsubscribedAt { get; set; }
}

/// <summary>The outbox's pure rules: how long to wait before the next attempt, when to give up.</summary>
public static class OutboxRules
{
    public const int MaxAttempts = 5;

    /// <summary>Exponential backoff: 1, 2, 4, 8 … minutes after the n-th failed attempt, at most a day.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan first) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromDays(1).Ticks, first.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));

    /// <summary>After a transient failure: queued again with its next attempt, or failed once <see cref="MaxAttempts"/> are used.</summary>
    public static void Retry(OutboxMessage m, string error, DateTime now, TimeSpan first, int maxAttempts = MaxAttempts)
    {
        m.LeaseUntil = null;
        m.LastError = Clip(error);
        if (m.Attempts >= maxAttempts)
        {
            m.Status = OutboxStatus.Failed;
            m.LastError = Clip($"Gave up after {m.Attempts} attempts: {error}");
            return;
        }
        m.Status = OutboxStatus.Queued;
        m.NextAttemptAt = now + Backoff(m.Attempts, first);
    }

    public static string Clip(string error) => error.Length <= OutboxMessage.ErrorMaxLength ? error : error[..OutboxMessage.ErrorMaxLength];
}
