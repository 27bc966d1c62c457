using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Guanxi.Hosting;

/// <summary>
/// The reader's way into the API document: an introduction (how to authenticate, errors, paging, dates) and one group
/// per resource — the OpenAPI tag each endpoint group declares (<c>WithTags</c>) — with a line saying what it holds.
/// </summary>
internal static class ApiDocumentation
{
    public const string Introduction = """
        Guanxi's REST API: the same operations the web pages and the `guanxi` command line use, under `/api/v1`.

        **Signing in.** Send a personal access token as `Authorization: Bearer …` (create one with `guanxi tokens create NAME`
        or on the account page). Each endpoint requires a right of the caller's role; customers outside the caller's scope
        answer 404, as if they did not exist.

        **Errors** are RFC 7807 problem documents (`application/problem+json`); a validation problem names each invalid field
        under `errors`.

        **Lists** are keyset-paged: pass the returned cursor to get the next page. **Updates** take the `ETag` of the last read
        in `If-Match`; a stale one answers 412. **Dates** are ISO 8601; order times are business-local, timestamps UTC.
        """;

    /// <summary>What each resource group holds; a tag without a line here still gets its own group.</summary>
    private static readonly Dictionary<string, string> Groups = new(StringComparer.Ordinal)
    {
        ["Account"] = "The signed-in user: password, two-factor, personal access tokens.",
        ["Audit"] = "The audit trail (admins only, read-only): who did what, when, from where.",
        ["Currency rates"] = "Monthly rates into the base currency (Currency:Base), and the orders no rate converts.",
        ["Custom fields"] = "The extra fields customers carry beyond the built-in ones.",
        ["Customers"] = "Customers: create, read, change, delete, search, tag, merge and export.",
        ["Duplicates"] = "Likely duplicate customers and their review.",
        ["Groups"] = "Named customer groups.",
        ["Interactions"] = "The contact log: calls, visits, WeChat, e-mail, meetings, notes.",
        ["Leads"] = "Lead grading rules and grades.",
        ["Marketing"] = "Message templates, campaigns, care rules and the outbox.",
        ["Models"] = "Customer models (RFM, value, churn and more), their runs and custom models.",
        ["Notifications"] = "The user's notifications and calendar feed.",
        ["Opportunities"] = "Sales opportunities and their stages.",
        ["Orders"] = "Orders and their lines.",
        ["Pipelines"] = "Sales pipelines and their stages.",
        ["Playbooks"] = "Playbooks: the actions suggested per customer class, and their evaluation.",
        ["Privacy"] = "Consents, personal-data export and erasure.",
        ["Products"] = "The product catalogue.",
        ["SLA"] = "Service level policies and the business calendar.",
        ["Sales"] = "Sales targets, forecasts and the funnel.",
        ["Service reports"] = "Service desk reports.",
        ["Service requests"] = "Service requests (tickets): create, assign, transition, notes, attachments.",
        ["Settings"] = "Application settings such as the customer code pattern.",
        ["Surveys"] = "Satisfaction surveys and their answers.",
        ["Tasks"] = "Follow-up tasks.",
        ["Users"] = "Users, roles and teams (admins).",
        ["Win-back"] = "Win-back cases for customers at risk or lost.",
    };

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info ??= new OpenApiInfo();
            document.Info.Title = "Guanxi API";
            document.Info.Description = Introduction;
            var used = (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>())
                .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                .SelectMany(op => op.Tags ?? Enumerable.Empty<OpenApiTagReference>())
                .Select(t => t.Name)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            document.Tags ??= new HashSet<OpenApiTag>();
            var declared = document.Tags.ToDictionary(t => t.Name ?? "", StringComparer.Ordinal);
            foreach (var name in used)
            {
                if (!declared.TryGetValue(name, out var tag))
                {
                    tag = new OpenApiTag { Name = name };
                    document.Tags.Add(tag);
                }
                if (Groups.TryGetValue(name, out var description)) tag.Description = description;
            }
            return Task.CompletedTask;
        }));
}
