using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Guanxi.Domain.Marketing;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Guanxi.Marketing;

/// <summary>How one send ended: accepted, a failure worth retrying, or a permanent refusal of this message only.</summary>
public enum SendOutcome
{
    Accepted,
    Transient,
    Permanent,
}

/// <summary>E-mail through SMTP with MailKit: plain text, a <c>List-Unsubscribe</c> header (one-click) and the message's own Message-Id.</summary>
public sealed class SmtpTransport(IOptions<SmtpOptions> options)
{
    public static MimeMessage Build(OutboxMessage m, string from, string unsubscribeUrl)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(m.Address!));
        message.Subject = m.Subject;
        message.MessageId = m.IdempotencyKey + "@guanxi";
        message.Headers.Add("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new TextPart("plain") { Text = m.Body };
        return message;
    }

    /// <summary>Sends a batch over one connection; each message gets its own outcome.</summary>
    public async Task SendAsync(IReadOnlyList<(OutboxMessage Message, string UnsubscribeUrl)> batch, Func<OutboxMessage, Task> beforeHandOver, Func<OutboxMessage, SendOutcome, string?, Task> done, CancellationToken ct)
    {
        var o = options.Value;
        var pending = new List<(OutboxMessage Message, MimeMessage Mime)>();
        foreach (var (m, url) in batch)
        {
            if (!MailboxAddress.TryParse(m.Address, out var to) || to.Address.IndexOf('@', StringComparison.Ordinal) < 1)
            {
                await done(m, SendOutcome.Permanent, $"Not a valid e-mail address: {m.Address}");
                continue;
            }
            pending.Add((m, Build(m, o.From, url)));
        }
        if (pending.Count == 0) return;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            foreach (var (m, _) in pending) await done(m, SendOutcome.Transient, "No SMTP server is configured (Smtp:Host).");
            return;
        }
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(o.Host, o.Port, o.UseTls ? (o.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls) : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(o.User)) await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or SmtpProtocolException or SmtpCommandException or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            foreach (var (m, _) in pending) await done(m, SendOutcome.Transient, $"SMTP server {o.Host}:{o.Port.ToString(CultureInfo.InvariantCulture)} unreachable: {e.Message}");
            return;
        }
        foreach (var (m, mime) in pending)
        {
            await beforeHandOver(m);
            try
            {
                await client.SendAsync(mime, ct);
                await done(m, SendOutcome.Accepted, null);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                await done(m, SendOutcome.Permanent, $"Refused by the SMTP server: {(int)e.StatusCode} {e.Message}");
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException)
            {
                await done(m, SendOutcome.Transient, $"SMTP: {e.Message}");
                if (!client.IsConnected) break;
            }
        }
        if (client.IsConnected) await client.DisconnectAsync(true, ct);
    }
}

/// <summary>SMS and WeChat through the configured HTTP gateway: a JSON body signed with HMAC-SHA256.</summary>
public sealed class GatewayTransport(IHttpClientFactory http, IOptions<GatewayOptions> options)
{
    public const string SignatureHeader = "X-Guanxi-Signature";

    public static string Sign(string secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public async Task<(SendOutcome Outcome, string? Error)> SendAsync(OutboxMessage m, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Url) || string.IsNullOrEmpty(o.Secret)) return (SendOutcome.Transient, "No message gateway is configured (Gateway:Url, Gateway:Secret).");
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = m.IdempotencyKey,
            channel = TemplateService.ChannelName(m.Channel),
            to = m.Address,
            text = m.Body,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignatureHeader, Sign(o.Secret, body));
        request.Headers.Add("Idempotency-Key", m.IdempotencyKey);
        try
        {
            using var client = http.CreateClient(nameof(GatewayTransport));
            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return (SendOutcome.Accepted, null);
            var why = $"Gateway answered {status.ToString(CultureInfo.InvariantCulture)}";
            return status is >= 400 and < 500 and not 408 and not 429 ? (SendOutcome.Permanent, why) : (SendOutcome.Transient, why);
        }
        catch (HttpRequestException e)
        {
            return (SendOutcome.Transient, "Gateway unreachable: " + e.Message);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return (SendOutcome.Transient, "Gateway timed out: " + e.Message);
        }
    }
}
