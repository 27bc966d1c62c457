namespace Guanxi.Domain.Service;

/// <summary>CSAT asks "how satisfied were you" on 1–5; NPS asks "how likely are you to recommend us" on 0–10.</summary>
public enum SurveyKind
{
    Csat = 0,
    Nps = 1,
}

/// <summary>
/// A satisfaction survey (满意度调查) sent to a customer, about one service request or the customer as a whole, answered
/// once through a public link. Only the SHA-256 of the link's token is stored; the agent, team and request type are
/// copied when it is sent, so results stay with whoever served the customer then.
/// </summary>
public sealed class SatisfactionSurvey
{
    public long Id { get; set; }
    public SurveyKind Kind { get; set; }
    public long CustomerId { get; set; }
    public long? ServiceRequestId { get; set; }
    public long? AgentId { get; set; }
    public long? TeamId { get; set; }
    public ServiceRequestType? RequestType { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public long? CreatedById { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }

    public const int CommentMaxLength = 2000;
    public const int TokenHashLength = 64;

    public static (int Min, int Max) Range(SurveyKind kind) => kind == SurveyKind.Nps ? (0, 10) : (1, 5);

    /// <summary>A score on the models' 1–5 satisfaction scale: CSAT as given, NPS 0–10 mapped linearly (0 → 1, 10 → 5).</summary>
    public static double Rating(SurveyKind kind, int score) => kind == SurveyKind.Nps ? 1 + score * 0.4 : score;

    /// <summary>Records the answer, or says why not: already answered, expired, or a score outside the kind's range.</summary>
    public SurveyAnswerOutcome Answer(int score, string? comment, DateTime now)
    {
        if (AnsweredAt is not null) return SurveyAnswerOutcome.AlreadyAnswered;
        if (now >= ExpiresAt) return SurveyAnswerOutcome.Expired;
        var (min, max) = Range(Kind);
        if (score < min || score > max) return SurveyAnswerOutcome.OutOfRange;
        Score = score;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        AnsweredAt = now;
        return SurveyAnswerOutcome.Recorded;
    }

    /// <summary>Whether the link still takes an answer at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTime now) => AnsweredAt is null && now < ExpiresAt;
}

public enum SurveyAnswerOutcome
{
    Recorded,
    AlreadyAnswered,
    Expired,
    OutOfRange,
}
