using System.Globalization;
using Guanxi.Domain.Service;

namespace Guanxi.Components;

/// <summary>The customer's public pages (survey, progress) and the survey results, once per language (like <see cref="ServiceTexts"/>).</summary>
public sealed class SurveyTexts
{
    public static SurveyTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string CsatQuestion { get; init; }
    public required string NpsQuestion { get; init; }
    public required string AboutRequest { get; init; }
    public required string[] CsatLabels { get; init; }
    public required string NpsLow { get; init; }
    public required string NpsHigh { get; init; }
    public required string Comment { get; init; }
    public required string Send { get; init; }
    public required string Thanks { get; init; }
    public required string Gone { get; init; }
    public required string Unknown { get; init; }
    public required string Throttled { get; init; }
    public required string ChooseScore { get; init; }
    public required string CommentTooLong { get; init; }
    public required string Survey { get; init; }
    public required string YourRequest { get; init; }
    public required string Opened { get; init; }
    public required string Resolved { get; init; }
    public required string Progress { get; init; }
    public required string StatusReached { get; init; }
    public required string OurReply { get; init; }
    public required string Satisfaction { get; init; }
    public required string NoSurveys { get; init; }
    public required string Sent { get; init; }
    public required string Answered { get; init; }
    public required string Unanswered { get; init; }
    public required string Score { get; init; }
    public required string SendSurvey { get; init; }
    public required string SurveyLinkReady { get; init; }
    public required string SurveyLinkMailed { get; init; }
    public required string ProgressLink { get; init; }
    public required string ProgressLinkReady { get; init; }
    public required string Results { get; init; }
    public required string ByAgent { get; init; }
    public required string ByTeam { get; init; }
    public required string ByType { get; init; }
    public required string ByLayer { get; init; }
    public required string Group { get; init; }
    public required string CsatAverage { get; init; }
    public required string NpsScore { get; init; }
    public required string NoResults { get; init; }
    public required string NoneGroup { get; init; }

    public string Question(SurveyKind kind) => kind == SurveyKind.Nps ? NpsQuestion : CsatQuestion;

    public string KindName(string kind) => kind == "nps" ? "NPS" : "CSAT";

    public static readonly SurveyTexts Zh = new()
    {
        CsatQuestion = "您对这次服务满意吗？",
        NpsQuestion = "您有多大可能向朋友或同事推荐我们？",
        AboutRequest = "关于您的服务请求：",
        CsatLabels = ["非常不满意", "不满意", "一般", "满意", "非常满意"],
        NpsLow = "0 = 完全不可能",
        NpsHigh = "10 = 非常可能",
        Comment = "还有什么想告诉我们的吗？（选填）",
        Send = "提交",
        Thanks = "谢谢！您的评价已记录。",
        Gone = "此调查链接已经用过或已过期。",
        Unknown = "此链接无效。",
        Throttled = "尝试次数过多，请一分钟后再试。",
        ChooseScore = "请选择一个评分。",
        CommentTooLong = "意见太长了，请精简到2000字以内。",
        Survey = "满意度调查",
        YourRequest = "您的服务请求",
        Opened = "提交时间",
        Resolved = "解决时间",
        Progress = "处理进度",
        StatusReached = "状态：",
        OurReply = "客服回复：",
        Satisfaction = "满意度",
        NoSurveys = "还没有发过满意度调查。",
        Sent = "发送",
        Answered = "已回答",
        Unanswered = "未回答",
        Score = "评分",
        SendSurvey = "发送满意度调查",
        SurveyLinkReady = "请把这个调查链接发给客户（只显示一次）：",
        SurveyLinkMailed = "调查邀请已放入发件箱，将发到客户的邮箱；链接（只显示一次）：",
        ProgressLink = "客户进度链接",
        ProgressLinkReady = "请把这个进度链接发给客户（只显示一次，新链接会替换旧链接）：",
        Results = "满意度结果",
        ByAgent = "按客服",
        ByTeam = "按团队",
        ByType = "按类型",
        ByLayer = "按客户层级",
        Group = "分组",
        CsatAverage = "CSAT 平均",
        NpsScore = "NPS",
        NoResults = "还没有调查结果。",
        NoneGroup = "（无）",
    };

    public static readonly SurveyTexts En = new()
    {
        CsatQuestion = "How satisfied are you with our service?",
        NpsQuestion = "How likely are you to recommend us to a friend or colleague?",
        AboutRequest = "About your request: ",
        CsatLabels = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"],
        NpsLow = "0 = not at all likely",
        NpsHigh = "10 = extremely likely",
        Comment = "Anything you would like to tell us? (optional)",
        Send = "Send",
        Thanks = "Thank you! Your answer was recorded.",
        Gone = "This survey link was already used or has expired.",
        Unknown = "This link is not valid.",
        Throttled = "Too many attempts; please try again in a minute.",
        ChooseScore = "Please choose a score.",
        CommentTooLong = "The comment is too long; please keep it under 2000 characters.",
        Survey = "Satisfaction survey",
        YourRequest = "Your service request",
        Opened = "Opened",
        Resolved = "Resolved",
        Progress = "Progress",
        StatusReached = "Status: ",
        OurReply = "Our reply: ",
        Satisfaction = "Satisfaction",
        NoSurveys = "No satisfaction survey sent yet.",
        Sent = "Sent",
        Answered = "Answered",
        Unanswered = "Not answered",
        Score = "Score",
        SendSurvey = "Send a satisfaction survey",
        SurveyLinkReady = "Send this survey link to the customer (shown once):",
        SurveyLinkMailed = "The survey invitation is in the outbox, to the customer's e-mail address; the link (shown once):",
        ProgressLink = "Customer progress link",
        ProgressLinkReady = "Send this progress link to the customer (shown once; a new link replaces the old one):",
        Results = "Satisfaction results",
        ByAgent = "By agent",
        ByTeam = "By team",
        ByType = "By type",
        ByLayer = "By customer layer",
        Group = "Group",
        CsatAverage = "CSAT mean",
        NpsScore = "NPS",
        NoResults = "No survey results yet.",
        NoneGroup = "(none)",
    };
}
