using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Guanxi.Data;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Api;

/// <summary>/api-docs: an introduction, one group per resource, and nothing loaded from another host.</summary>
[ClockIndependent] // the document and the page: no dates
public partial class ApiDocumentationTests
{
    [Fact]
    public async Task The_document_introduces_the_api_and_groups_every_operation_by_resource()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var doc = await app.Client().GetOk("/openapi/v1.json");

        Assert.Contains("Bearer", doc.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        var tags = doc.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null, StringComparer.Ordinal);
        foreach (var resource in new[] { "Customers", "Orders", "Interactions", "Service requests", "Opportunities", "Audit" })
        {
            Assert.True(tags.TryGetValue(resource, out var description) && !string.IsNullOrWhiteSpace(description), resource);
        }

        var untagged = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                var opTags = op.Value.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                if (opTags.Count != 1 || !tags.ContainsKey(opTags[0]) || string.IsNullOrWhiteSpace(tags[opTags[0]])) untagged.Add($"{op.Name} {path.Name} [{string.Join(",", opTags)}]");
            }
        }
        Assert.Empty(untagged);
    }

    [Fact]
    public async Task The_reference_page_loads_nothing_from_another_host_and_shows_no_vendor_buttons()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var http = app.Anonymous();
        var response = await http.GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var outside = Url().Matches(html).Select(m => m.Groups["host"].Value)
            .Where(h => h != http.BaseAddress!.Host && h != "www.w3.org").Distinct(StringComparer.Ordinal).ToList();
        Assert.True(outside.Count == 0, string.Join(", ", outside) + "\n" + html);
        Assert.Contains("hideClientButton\":true", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);

        // The script the page starts is this site's own, and answers here.
        var script = ScriptSource().Match(html);
        Assert.True(script.Success, html);
        Assert.DoesNotContain("//", script.Groups["src"].Value, StringComparison.Ordinal);
        var bundle = await http.GetAsync(new Uri(new Uri(http.BaseAddress!, "/api-docs/"), script.Groups["src"].Value));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }

    [GeneratedRegex(@"https?://(?<host>[A-Za-z0-9.\-]+)")]
    private static partial Regex Url();

    [GeneratedRegex("<script[^>]*src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}
