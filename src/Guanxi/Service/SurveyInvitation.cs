using System.Globalization;
using Guanxi.Domain.Service;

namespace Guanxi.Service;

/// <summary>
/// The e-mail that invites a customer to a satisfaction survey: plain text, Chinese then English (a customer has no
/// language of their own on file), with the link, how long it lasts and how to stop such mails.
/// </summary>
public static class SurveyInvitation
{
    public static (string Subject, string Body) Write(SurveyKind kind, string? requestSubject, string url, int days, string unsubscribeUrl)
    {
        var about = string.IsNullOrWhiteSpace(requestSubject) ? null : requestSubject.Trim();
        var (zhQuestion, enQuestion) = kind == SurveyKind.Nps
            ? ("您有多大可能把我们推荐给朋友或同事？（0–10 分）", "How likely are you to recommend us to a friend or colleague? (0–10)")
            : ("您对我们的服务满意吗？（1–5 分）", "How satisfied are you with our service? (1–5)");
        var subject = about is null ? "请评价我们的服务 / How did we do?" : $"请评价我们的服务：{about} / How did we do?";
        var body = string.Join("\n",
            "您好！",
            about is null ? "感谢您选择我们。" : $"您的服务请求“{about}”已处理完毕，感谢您的耐心。",
            zhQuestion,
            "请点击下面的链接回答（只需一分钟，无需登录）：",
            url,
            string.Create(CultureInfo.InvariantCulture, $"链接 {days} 天内有效，只能回答一次。"),
            "",
            "Hello,",
            about is null ? "Thank you for choosing us." : $"Your service request \"{about}\" has been resolved. Thank you for your patience.",
            enQuestion,
            "Please answer through this link (one minute, no sign-in):",
            url,
            string.Create(CultureInfo.InvariantCulture, $"The link works for {days} days and takes one answer."),
            "",
            "不想再收到邮件？退订 / Unsubscribe: " + unsubscribeUrl);
        return (subject, body);
    }
}
