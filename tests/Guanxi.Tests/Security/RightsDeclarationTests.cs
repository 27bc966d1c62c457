using System.Text;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Security;
using Guanxi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

/// <summary>Every endpoint (API, page, form post) declares the right it needs; docs/security.md shows the one rights table.</summary>
[ClockIndependent]
public class RightsDeclarationTests
{
    /// <summary>What may be reached without a right: signing in, the language switch, the error pages, the API document, the framework's files, the customer's survey, progress and unsubscribe links.</summary>
    private static bool Public(RouteEndpoint endpoint)
    {
        var pattern = (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        if (pattern is "account/signin" or "culture/set" or "signin" or "not-found" or "status/{Code:int}"
            || pattern == "api/v1/calendar.ics"
            // The customer's survey and progress pages: the token in the path is the credential (SurveysApi).
            || pattern is "s/{token}" or "p/{token}"
            // The unsubscribe link of every marketing message: likewise (UnsubscribeService).
            || pattern == "u/{token}"
            || pattern.StartsWith("openapi/", StringComparison.Ordinal) || pattern.StartsWith("api-docs", StringComparison.Ordinal)
            || pattern.StartsWith("_framework/", StringComparison.Ordinal) || pattern.StartsWith("_blazor", StringComparison.Ordinal)
            || pattern.StartsWith("_content/", StringComparison.Ordinal) || pattern == "{**path:file}")
        {
            return true;
        }
        // Static files (app.css, fingerprinted assets) carry no data.
        var last = pattern.Split('/')[^1];
        return last.Contains('.', StringComparison.Ordinal) && !last.Contains('{', StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_endpoint_declares_the_right_it_needs_except_the_public_ones()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        _ = app.Client();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var undeclared = endpoints.Where(e => !Public(e) && e.Metadata.GetOrderedMetadata<RequiresAttribute>().Count == 0)
            .Select(e => e.RoutePattern.RawText + " (" + e.DisplayName + ")").Distinct().ToList();
        Assert.True(undeclared.Count == 0, "endpoints without a declared right (add .Requires(Right.X) or @attribute [Requires(Right.X)]):\n" + string.Join("\n", undeclared));
        // Pages are endpoints too: the customer list and the admin pages are among them, each with its right.
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/customers" && e.Metadata.GetMetadata<RequiresAttribute>()?.Right == Right.ViewCustomers);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/audit" && e.Metadata.GetMetadata<RequiresAttribute>()?.Right == Right.ReadAudit);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/import" && e.Metadata.GetMetadata<RequiresAttribute>()?.Right == Right.ImportData);
        // The public ones really are public, and nothing else is.
        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !Public(e)).Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(anonymous.Count == 0, "anonymous endpoints outside the public list:\n" + string.Join("\n", anonymous));
        Assert.True(endpoints.Count(e => e.Metadata.GetOrderedMetadata<RequiresAttribute>().Count > 0) > 60);
    }

    /// <summary>The rights table as docs/security.md shows it, generated from <see cref="Rights"/>.</summary>
    internal static string Table()
    {
        var text = new StringBuilder();
        text.Append("| right | ").AppendJoin(" | ", Roles.All).AppendLine(" |");
        text.Append("| --- |").Append(string.Concat(Roles.All.Select(_ => " --- |"))).AppendLine();
        text.Append("| customers in reach | ").AppendJoin(" | ", Roles.All.Select(r => Rights.ReachOf(r) switch
        {
            CustomerReach.All => "all",
            CustomerReach.TeamSubtree => "owned in their team's subtree, own, shared",
            CustomerReach.Own => "own, shared",
            CustomerReach.Served => "shared, served",
            _ => "none",
        })).AppendLine(" |");
        foreach (var right in Enum.GetValues<Right>())
        {
            text.Append("| `").Append(right).Append("` | ").AppendJoin(" | ", Roles.All.Select(r => Rights.Has(r, right) ? "yes" : "—")).AppendLine(" |");
        }
        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guanxi.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Guanxi.sln not found above the test binaries.");
    }

    [Fact]
    public void Docs_security_md_shows_the_rights_table_of_the_code()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md")).ReplaceLineEndings("\n");
        const string start = "<!-- rights table: generated from Rights.cs; RightsDeclarationTests checks it -->\n";
        var at = docs.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, "docs/security.md lacks the rights table marker");
        var table = Table().ReplaceLineEndings("\n");
        Assert.True(docs.AsSpan(at + start.Length).StartsWith(table, StringComparison.Ordinal), "docs/security.md's rights table differs from Rights.cs; it should read:\n" + table);
    }
}
