using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Service;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Service;

/// <summary>
/// Attachments on service requests on SQLite and PostgreSQL: stored under a random name outside the web root, downloaded
/// as an attachment that is never sniffed, refused over the size limit (413) or when the bytes are not an accepted type or
/// not the declared one (415), and out of reach exactly as the request is (404).
/// </summary>
[ClockIndependent] // files' bytes, sizes and reach: the deadlines are ServiceDeskTests's
public sealed class ServiceAttachmentTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3];

    private static async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(HttpClient client, long request, byte[] bytes, string fileName, string? type)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        if (type is not null) file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        form.Add(file, "file", fileName);
        using var response = await client.PostAsync(new Uri($"/api/v1/service-requests/{request}/attachments", UriKind.Relative), form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Files_are_stored_safely_checked_by_their_bytes_limited_in_size_and_reached_as_the_request_is(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("guanxi-attachments-").FullName;
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Service:MaxAttachmentMegabytes"] = "1", ["Service:AttachmentFolder"] = folder });
        var admin = app.Client();
        var agentId = app.CreateUser("agent-a", Roles.ServiceAgent, "客服一组");
        var agent = app.ClientWithToken(app.TokenFor("agent-a"));
        var stranger = app.ClientAs(Roles.ServiceAgent, "客服二组");
        var marketer = app.ClientAs(Roles.Marketer);
        var customer = await admin.CreateCustomer("附件客户");
        await admin.PostOk($"/api/v1/customers/{customer}/shares", new { userId = agentId, access = "Edit" });
        var request = (await agent.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Repair", channel = "WeChat", subject = "屏幕碎了" })).GetProperty("id").GetInt64();

        // A photo: stored under a random name, the upload's name (with its folder part dropped) kept as metadata only.
        var photo = await UploadAsync(agent, request, Png, "../../wwwroot/屏幕 照片.png", "image/png");
        Assert.True(photo.Status == HttpStatusCode.Created, photo.Body.ToString());
        Assert.Equal("屏幕 照片.png", photo.Body.GetProperty("fileName").GetString());
        Assert.Equal("image/png", photo.Body.GetProperty("contentType").GetString());
        Assert.Equal(Png.Length, photo.Body.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(folder, app.Services.GetRequiredService<ServiceAttachments>().Folder);
        var stored = Assert.Single(Directory.GetFiles(folder));
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(stored));
        Assert.Equal(Png, await File.ReadAllBytesAsync(stored));

        // Downloaded as an attachment of exactly the checked type, never sniffed by the browser.
        var id = photo.Body.GetProperty("id").GetInt64();
        using (var download = await agent.GetAsync(new Uri($"/api/v1/service-requests/{request}/attachments/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("屏幕 照片.png", download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.All(download.Headers.GetValues("X-Content-Type-Options"), v => Assert.Equal("nosniff", v));
        }

        // Text is text (UTF-8 Chinese, an undeclared type is fine); markup, programs and lies are refused with 415.
        var text = await UploadAsync(agent, request, Encoding.UTF8.GetBytes("客户说：屏幕在周一摔碎。\n序列号 SN-1"), "说明.txt", null);
        Assert.True(text.Status == HttpStatusCode.Created, text.Body.ToString());
        Assert.Equal("text/plain", text.Body.GetProperty("contentType").GetString());
        foreach (var (bytes, name, type) in new[]
        {
            (Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "note.txt", "text/plain"),
            ("MZ\u0090\0\u0003\0\0\0"u8.ToArray(), "photo.png", "image/png"),
            ("%PDF-1.7\n"u8.ToArray(), "photo.png", "image/png"),
            ("PK\u0003\u0004rest"u8.ToArray(), "archive.zip", "application/zip"),
        })
        {
            var refused = await UploadAsync(agent, request, bytes, name, type);
            Assert.True(refused.Status == HttpStatusCode.UnsupportedMediaType, $"{name}: {refused.Status} {refused.Body}");
            Assert.True(refused.Body.GetProperty("errors").TryGetProperty("file", out _), refused.Body.ToString());
        }
        var pdf = await UploadAsync(agent, request, "%PDF-1.7\n%fake but starts right"u8.ToArray(), "invoice.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.Created, pdf.Status);

        // Over the limit (1 MB here): 413, and nothing is left behind.
        var big = new byte[1024 * 1024 + 1];
        Png.CopyTo(big, 0);
        var tooLarge = await UploadAsync(agent, request, big, "big.png", "image/png");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Equal(3, Directory.GetFiles(folder).Length);
        Assert.Equal(3, (await agent.GetOk($"/api/v1/service-requests/{request}/attachments")).GetArrayLength());
        var history = await agent.GetOk($"/api/v1/service-requests/{request}/history");
        Assert.Equal(3, history.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "attachment"));

        // Out of reach: 404 for the list, the file and an upload; a role without personal data lists but does not download.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Get, $"/api/v1/service-requests/{request}/attachments")).Status);
        using (var hidden = await stranger.GetAsync(new Uri($"/api/v1/service-requests/{request}/attachments/{id}", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(stranger, request, Png, "x.png", "image/png")).Status);
        Assert.Equal(3, (await marketer.GetOk($"/api/v1/service-requests/{request}/attachments")).GetArrayLength());
        using (var masked = await marketer.GetAsync(new Uri($"/api/v1/service-requests/{request}/attachments/{id}", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.Forbidden, masked.StatusCode);
        // Another request's file is not found through this one.
        var other = (await admin.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Inquiry", channel = "Phone", subject = "别的" })).GetProperty("id").GetInt64();
        using (var wrong = await admin.GetAsync(new Uri($"/api/v1/service-requests/{other}/attachments/{id}", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erasing_the_customer_blanks_the_requests_words_and_deletes_the_attachment_files_but_keeps_the_request(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("guanxi-attachments-").FullName;
        await using var app = new GuanxiApp(db, new Dictionary<string, string?> { ["Service:AttachmentFolder"] = folder });
        var admin = app.Client();
        var customer = await admin.CreateCustomer("要求删除的客户");
        var other = await admin.CreateCustomer("别的客户");
        var request = (await admin.PostOk("/api/v1/service-requests", new { customerId = customer, type = "Complaint", channel = "Phone", subject = "王先生说快递员骂人", description = "住在幸福路12号" })).GetProperty("id").GetInt64();
        await admin.PostOk($"/api/v1/service-requests/{request}/notes", new { body = "客户手机13900001111", toCustomer = false });
        var kept = (await admin.PostOk("/api/v1/service-requests", new { customerId = other, type = "Inquiry", channel = "Email", subject = "发票抬头" })).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(admin, request, Png, "身份证.png", "image/png")).Status);
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(admin, kept, Png, "发票.png", "image/png")).Status);
        Assert.Equal(2, Directory.GetFiles(folder).Length);

        await admin.PostOk($"/api/v1/customers/{customer}/erase", new { }, HttpStatusCode.OK);

        var erased = await admin.GetOk($"/api/v1/service-requests/{request}");
        Assert.Equal("—", erased.GetProperty("subject").GetString());
        Assert.Equal(JsonValueKind.Null, erased.GetProperty("description").ValueKind);
        Assert.Equal("complaint", erased.GetProperty("type").GetString()!.ToLowerInvariant());
        var notes = await admin.GetOk($"/api/v1/service-requests/{request}/notes");
        Assert.DoesNotContain("13900001111", notes.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await admin.GetOk($"/api/v1/service-requests/{request}/attachments")).GetArrayLength());
        // Only the other customer's file is left, and their request is untouched.
        Assert.Single(Directory.GetFiles(folder));
        Assert.Equal(1, (await admin.GetOk($"/api/v1/service-requests/{kept}/attachments")).GetArrayLength());
        Assert.Equal("发票抬头", (await admin.GetOk($"/api/v1/service-requests/{kept}")).GetProperty("subject").GetString());
    }
}
