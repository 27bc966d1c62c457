using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Tests.Infrastructure;
using Guanxi.Tests.Security;

namespace Guanxi.Tests.Api;

/// <summary>Input the database cannot take is a 400 naming the field, never a 500 (issue 12, item 8).</summary>
[ClockIndependent] // refusals of hostile text: no dates
public class BadInputTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_nul_character_anywhere_is_a_problem_naming_the_field(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var id = await http.CreateCustomer("孙丽");

        var (created, problem) = await http.Send(HttpMethod.Post, "/api/v1/customers", new { name = "孙\0丽", city = "上海" });
        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.GetRawText());

        var (note, noteProblem) = await http.Send(HttpMethod.Post, "/api/v1/interactions",
            new { customerId = id, channel = "Call", direction = "Outbound", subject = "回访", body = "a\0b" });
        Assert.Equal(HttpStatusCode.BadRequest, note);
        Assert.True(noteProblem.GetProperty("errors").TryGetProperty("body", out _), noteProblem.GetRawText());

        foreach (var filter in new[] { "q", "tag", "city", "group" })
        {
            var response = await http.GetAsync($"/api/v1/customers?{filter}=%E5%AD%99%00");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(body.GetProperty("errors").TryGetProperty(filter, out _), body.GetRawText());
        }

        var signIn = await SignInForm.PostAsync(app, "admin\0", "whatever");
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);

        // Nothing was written, and the customer is as it was.
        await using var ctx = db.CreateContext();
        Assert.Equal(["孙丽"], ctx.Customers.Select(c => c.Name).ToList());
        Assert.Equal(0, ctx.Interactions.Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_custom_model_description_or_rules_over_the_limit_is_a_problem(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        const string rules = "orders >= 1 -> \"Buyer\"";

        var (longDescription, problem) = await http.Send(HttpMethod.Post, "/api/v1/custom-models", new { name = "Buyers", rules, description = new string('说', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, longDescription);
        Assert.True(problem.GetProperty("errors").TryGetProperty("description", out _), problem.GetRawText());

        var (longRules, _) = await http.Send(HttpMethod.Post, "/api/v1/custom-models", new { name = "Buyers", rules = rules + new string(' ', 20_001) });
        Assert.Equal(HttpStatusCode.BadRequest, longRules);

        var (ok, _) = await http.Send(HttpMethod.Post, "/api/v1/custom-models", new { name = "Buyers", rules, description = new string('说', 1000) });
        Assert.Equal(HttpStatusCode.Created, ok);
    }
}
