using System.Net;
using Guanxi.Data;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Models;

[ClockIndependent] // a settings document's validation: no dates
public class ModelSettingsApiTests
{
    /// <summary>A section sent as null was a NullReferenceException and a 500 (issue 12, item 8).</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_null_section_is_a_problem_naming_it_and_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var before = (await http.GetOk("/api/v1/models/settings")).GetRawText();

        var (status, problem) = await http.Send(HttpMethod.Put, "/api/v1/models/settings", new { lifetime = (object?)null, value = (object?)null });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var messages = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith("lifetime:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("value:", StringComparison.Ordinal));
        Assert.Equal(before, (await http.GetOk("/api/v1/models/settings")).GetRawText());

        // A section left out keeps its defaults.
        var (ok, _) = await http.Send(HttpMethod.Put, "/api/v1/models/settings", new { value = new { highValueTopShare = 0.15 } });
        Assert.Equal(HttpStatusCode.OK, ok);
        var saved = await http.GetOk("/api/v1/models/settings");
        Assert.Equal(0.15, saved.GetProperty("value").GetProperty("highValueTopShare").GetDouble());
        Assert.True(saved.GetProperty("lifetime").GetProperty("minimumBuyers").GetInt32() > 0);
    }
}
