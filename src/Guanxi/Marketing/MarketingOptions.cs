namespace Guanxi.Marketing;

/// <summary>The SMTP server e-mail goes through (section <c>Smtp</c>; env <c>Smtp__Host</c> …).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Guanxi <noreply@localhost>";

    /// <summary>STARTTLS when true (port 465 connects with TLS from the start); plain SMTP when false.</summary>
    public bool UseTls { get; set; } = true;
}

/// <summary>The HTTP gateway that SMS and WeChat messages go to (section <c>Gateway</c>): one signed JSON POST per message.</summary>
public sealed class GatewayOptions
{
    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key: the request carries <c>X-Guanxi-Signature: sha256=&lt;hex of HMAC(body)&gt;</c>.</summary>
    public string? Secret { get; set; }
}

/// <summary>The outbox sender (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the sender in the background (false: only <c>OutboxSender.SendDueAsync</c> calls send).</summary>
    public bool Background { get; set; } = true;

    public int PollSeconds { get; set; } = 5;

    /// <summary>How long a claim holds a message; a message still sending after it is recovered (see docs/marketing.md).</summary>
    public int LeaseSeconds { get; set; } = 300;

    public int FirstRetrySeconds { get; set; } = 60;
    public int MaxAttempts { get; set; } = Domain.Marketing.OutboxRules.MaxAttempts;
    public int BatchSize { get; set; } = 200;

    /// <summary>Messages per second per channel (a token bucket each).</summary>
    public int EmailPerSecond { get; set; } = 200;
    public int SmsPerSecond { get; set; } = 20;
    public int WeChatPerSecond { get; set; } = 20;

    /// <summary>The public address of this server, for unsubscribe links (e.g. https://crm.example.com).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";
}
