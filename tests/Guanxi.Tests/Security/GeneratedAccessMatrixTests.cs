using System.Net;
using System.Text.RegularExpressions;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

/// <summary>
/// The access matrix, generated: every role × every endpoint that takes an id (enumerated from the app's endpoint data
/// source, so a new endpoint joins by itself) × a record inside and one outside the caller's reach. The expected answer
/// comes from the rights table and the role's reach: no right → 403; a customer's record out of reach → 404; a read
/// in reach with the right → 200. After every refusal the database is compared with its state before: unchanged.
/// A new route parameter the matrix does not know fails the test until its record kind is added below.
/// </summary>
[ClockIndependent]
public class GeneratedAccessMatrixTests
{
    private sealed record Ids(long Customer, long Order, long Interaction, long Contact, long Share, long Consent, long Duplicate, long Task, long WinBack, long ServiceRequest, long Attachment, long Opportunity, long Target, long View, long CustomerView);

    private sealed record World(Ids Inside, Ids Outside, long Group, long Field, long CustomModel, long Run, long OtherRun, long User, long Token, long Playbook, long Notification, long SlaPolicy, long Pipeline, long Product, long Template, long Campaign, long CareRule);

    /// <summary>Route parameter → the id to use, inside or outside reach; null for a parameter of a company-wide record.</summary>
    private static string? Fill(string parameter, string pattern, World w, bool inside)
    {
        var ids = inside ? w.Inside : w.Outside;
        return parameter switch
        {
            "id" when pattern.StartsWith("api/v1/customers/", StringComparison.Ordinal) => S(ids.Customer),
            "id" when pattern.StartsWith("api/v1/orders/", StringComparison.Ordinal) => S(ids.Order),
            "id" when pattern.StartsWith("api/v1/interactions/", StringComparison.Ordinal) => S(ids.Interaction),
            "id" when pattern.StartsWith("api/v1/duplicates/", StringComparison.Ordinal) => S(ids.Duplicate),
            "id" when pattern.StartsWith("api/v1/tasks/", StringComparison.Ordinal) => S(ids.Task),
            "id" when pattern.StartsWith("api/v1/win-back-cases/", StringComparison.Ordinal) => S(ids.WinBack),
            "id" when pattern.StartsWith("api/v1/playbooks/", StringComparison.Ordinal) => S(w.Playbook),
            "id" when pattern.StartsWith("api/v1/service-requests/", StringComparison.Ordinal) => S(ids.ServiceRequest),
            "id" when pattern.StartsWith("api/v1/sla-policies/", StringComparison.Ordinal) => S(w.SlaPolicy),
            "id" when pattern.StartsWith("api/v1/opportunities/", StringComparison.Ordinal) => S(ids.Opportunity),
            "id" when pattern.StartsWith("api/v1/pipelines/", StringComparison.Ordinal) => S(w.Pipeline),
            "id" when pattern.StartsWith("api/v1/sales/targets/", StringComparison.Ordinal) => S(ids.Target),
            "id" when pattern.StartsWith("api/v1/opportunity-views/", StringComparison.Ordinal) => S(ids.View),
            "id" when pattern.StartsWith("api/v1/customer-views/", StringComparison.Ordinal) => S(ids.CustomerView),
            "id" when pattern.StartsWith("api/v1/products/", StringComparison.Ordinal) => S(w.Product),
            "id" when pattern.StartsWith("api/v1/templates/", StringComparison.Ordinal) => S(w.Template),
            "id" when pattern.StartsWith("api/v1/campaigns/", StringComparison.Ordinal) => S(w.Campaign),
            "id" when pattern.StartsWith("api/v1/care-rules/", StringComparison.Ordinal) => S(w.CareRule),
            "id" when pattern.StartsWith("api/v1/notifications/", StringComparison.Ordinal) => S(w.Notification),
            "id" when pattern.StartsWith("api/v1/groups/", StringComparison.Ordinal) => S(w.Group),
            "id" when pattern.StartsWith("api/v1/custom-fields/", StringComparison.Ordinal) => S(w.Field),
            "id" when pattern.StartsWith("api/v1/custom-models/", StringComparison.Ordinal) => S(w.CustomModel),
            "id" when pattern.StartsWith("api/v1/model-runs/", StringComparison.Ordinal) => S(w.Run),
            "id" when pattern.StartsWith("api/v1/users/", StringComparison.Ordinal) => S(w.User),
            "id" when pattern.StartsWith("api/v1/account/tokens/", StringComparison.Ordinal) => S(w.Token),
            "from" => S(w.OtherRun),
            "to" => S(w.Run),
            "attachmentId" => S(ids.Attachment),
            "contactId" => S(ids.Contact),
            "shareId" => S(ids.Share),
            "consentId" => S(ids.Consent),
            "groupId" => S(w.Group),
            "tag" => "VIP",
            "currency" => "USD",
            "month" => "2026-11",
            "r" or "f" => "1",
            "model" => Guanxi.Domain.Models.ModelCatalog.Rfm.Key,
            "cls" => Guanxi.Domain.Models.ModelCatalog.Rfm.Classes[0].Key,
            _ => throw new InvalidOperationException($"The access matrix does not know the route parameter '{parameter}' of '{pattern}': add its record kind to GeneratedAccessMatrixTests.Fill."),
        };
    }

    private static string S(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A body that passes validation, so a refusal is the access rule's and not the validator's.</summary>
    private static object Body(string method, string pattern, World w, bool inside)
    {
        var ids = inside ? w.Inside : w.Outside;
        return (method, pattern) switch
        {
            ("POST", "api/v1/service-requests/{id:long}/attachments") => PngForm(),
            ("PUT", "api/v1/customers/{id:long}") => new { name = "改名" },
            ("POST", "api/v1/customers/{id:long}/tags") => new { tag = "新" },
            ("POST", "api/v1/customers/{id:long}/contacts") => new { name = "新联系人" },
            ("PUT", "api/v1/customers/{id:long}/contacts/{contactId:long}") => new { name = "改" },
            ("POST", "api/v1/customers/{id:long}/merge") => new { mergedId = inside ? w.Outside.Customer : w.Inside.Customer },
            ("PUT", "api/v1/orders/{id:long}") => new { customerId = ids.Customer, orderedAt = "2026-03-03T10:00:00", amount = 1m, channel = "网店" },
            ("PUT", "api/v1/interactions/{id:long}") => new { customerId = ids.Customer, channel = "Call", direction = "Outbound", subject = "改" },
            ("POST", "api/v1/customers/{id:long}/shares/") or ("POST", "api/v1/customers/{id:long}/shares") => new { userId = w.User, access = "Edit" },
            ("POST", "api/v1/customers/{id:long}/consents") => new { channel = "sms", purpose = "marketing" },
            ("POST", "api/v1/customers/{id:long}/consents/{consentId:long}/withdraw") => new { how = "电话" },
            ("PUT", "api/v1/tasks/{id:long}") => new { customerId = ids.Customer, kind = "Call", title = "改" },
            ("POST", "api/v1/tasks/{id:long}/complete") => new { outcome = "Reached" },
            ("POST", "api/v1/tasks/{id:long}/snooze") => new { until = "2026-12-10T09:00:00" },
            ("POST", "api/v1/tasks/{id:long}/reassign") => new { assigneeId = w.User },
            ("POST", "api/v1/win-back-cases/{id:long}/transition") => new { to = "Apologised", apology = "致歉" },
            ("PUT", "api/v1/service-requests/{id:long}") => new { customerId = ids.Customer, type = "Repair", channel = "Phone", subject = "改" },
            ("POST", "api/v1/service-requests/{id:long}/transition") => new { to = "in-progress" },
            ("POST", "api/v1/service-requests/{id:long}/notes") => new { body = "备注" },
            ("POST", "api/v1/service-requests/{id:long}/complaint-steps") => new { step = "Acknowledged", text = "致歉" },
            ("PUT", "api/v1/sla-policies/{id:long}") => new { name = "改", firstResponseMinutes = 10, resolutionMinutes = 20 },
            ("PUT", "api/v1/opportunities/{id:long}") => new { customerId = ids.Customer, title = "改", amount = 1m },
            ("POST", "api/v1/opportunities/{id:long}/move") => new { stageId = 2 },
            ("POST", "api/v1/opportunities/{id:long}/lost") => new { reason = "价格" },
            ("PUT", "api/v1/pipelines/{id:long}") => new { name = "改", stages = new[] { new { name = "一", probability = 10 } } },
            ("PUT", "api/v1/products/{id:long}") => new { code = "P-9", name = "改", price = 1m },
            ("PUT", "api/v1/customers/{id:long}/grade") => new { grade = "A", reason = "有预算" },
            ("POST", "api/v1/customers/{id:long}/convert") => new { reason = "首单签约" },
            ("PUT", "api/v1/templates/{id:long}") => new { name = "改", channel = "sms", language = "zh-CN", body = "{{ name }}" },
            ("POST", "api/v1/templates/{id:long}/render") => new { customerId = ids.Customer },
            ("PUT", "api/v1/campaigns/{id:long}") => new { name = "改", templateId = w.Template, audience = new { tag = "VIP" } },
            ("PUT", "api/v1/currency-rates/{currency}/{month}") => new { rate = 7.1m },
            ("PUT", "api/v1/care-rules/{id:long}") => new { name = "改", kind = "birthday", days = 1, templateId = w.Template },
            _ => new { },
        };
    }

    /// <summary>A multipart form with a tiny PNG, as the attachment upload takes it.</summary>
    private static MultipartFormDataContent PngForm()
    {
        var file = new ByteArrayContent([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { file, "file", "photo.png" } };
    }

    private static async Task<long> AttachAsync(HttpClient client, long request)
    {
        using var response = await client.PostAsync(new Uri($"/api/v1/service-requests/{request}/attachments", UriKind.Relative), PngForm());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>True when the id the URL is about belongs to a customer (so reach decides), false for company-wide records.</summary>
    private static bool CustomerScoped(string pattern) =>
        pattern.StartsWith("api/v1/customers/{", StringComparison.Ordinal) || pattern.StartsWith("api/v1/orders/{", StringComparison.Ordinal)
        || pattern.StartsWith("api/v1/interactions/{", StringComparison.Ordinal) || pattern.StartsWith("api/v1/duplicates/{", StringComparison.Ordinal)
        || pattern.StartsWith("api/v1/tasks/{", StringComparison.Ordinal) || pattern.StartsWith("api/v1/win-back-cases/{", StringComparison.Ordinal)
        || pattern.StartsWith("api/v1/service-requests/{", StringComparison.Ordinal) || pattern.StartsWith("api/v1/opportunities/{", StringComparison.Ordinal)
        // A rep's target follows people: outside a manager's subtree it is not found, like a customer's record.
        || pattern.StartsWith("api/v1/sales/targets/{", StringComparison.Ordinal)
        // A saved list view is its user's own: anyone else's is not found.
        || pattern.StartsWith("api/v1/opportunity-views/{", StringComparison.Ordinal)
        || pattern.StartsWith("api/v1/customer-views/{", StringComparison.Ordinal);

    private static async Task<World> SeedAsync(GuanxiApp app)
    {
        var w = await AccessMatrixTests.SeedAsync(app);
        var admin = app.Client();
        // The service agent serves A (an interaction by them puts A in their reach); the analyst's run gives the runs.
        var agentId = app.UserId("agent-a");
        await admin.PostOk("/api/v1/interactions", new { customerId = w.A, channel = "Call", direction = "Inbound", subject = "服务甲", staffUserId = agentId });
        var interactionA = (await admin.PostOk("/api/v1/interactions", new { customerId = w.A, channel = "Visit", direction = "Outbound", subject = "甲拜访" })).GetProperty("id").GetInt64();
        var contactA = (await admin.PostOk($"/api/v1/customers/{w.A}/contacts", new { name = "甲联系人" })).GetProperty("id").GetInt64();
        var shareA = (await admin.PostOk($"/api/v1/customers/{w.A}/shares", new { userId = w.RepB, access = "Read" })).GetProperty("id").GetInt64();
        var shareB = (await admin.PostOk($"/api/v1/customers/{w.B}/shares", new { userId = w.RepB, access = "Read" })).GetProperty("id").GetInt64();
        var consentA = (await admin.PostOk($"/api/v1/customers/{w.A}/consents", new { channel = "sms", purpose = "marketing" })).GetProperty("id").GetInt64();
        var consentB = (await admin.PostOk($"/api/v1/customers/{w.B}/consents", new { channel = "sms", purpose = "marketing" })).GetProperty("id").GetInt64();
        var field = (await admin.PostOk("/api/v1/custom-fields", new { key = "industry", label = "行业", type = "Text" })).GetProperty("id").GetInt64();
        var model = (await admin.PostOk("/api/v1/custom-models", new { name = "大客户", rules = "orders >= 1 -> \"Buyer\"" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var runs = app.Services.GetRequiredService<Guanxi.Models.ModelRunService>();
        var first = await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(null, "test", CancellationToken.None));
        var second = await CurrentUser.RunAsAsync(AccessScope.System, () => runs.RunAsync(null, "test", CancellationToken.None));
        var (dupA, dupB) = await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var sys = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>().CreateDbContext();
            var a2 = new Guanxi.Domain.Customers.DuplicateCandidate { CustomerId = w.A, DuplicateOfId = w.A, Reason = Guanxi.Domain.Customers.DuplicateReason.SamePhone };
            var b2 = new Guanxi.Domain.Customers.DuplicateCandidate { CustomerId = w.B, DuplicateOfId = w.B, Reason = Guanxi.Domain.Customers.DuplicateReason.SamePhone };
            sys.DuplicateCandidates.AddRange(a2, b2);
            await sys.SaveChangesAsync();
            return (a2.Id, b2.Id);
        });
        var taskA = (await admin.PostOk("/api/v1/tasks", new { customerId = w.A, assigneeId = w.RepA, kind = "Call", title = "甲回访" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var taskB = (await admin.PostOk("/api/v1/tasks", new { customerId = w.B, assigneeId = w.RepB, kind = "Call", title = "乙回访" }, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var playbook = (await admin.GetOk("/api/v1/playbooks")).EnumerateArray().First().GetProperty("id").GetInt64();
        var (winBackA, winBackB, notification) = await CurrentUser.RunAsAsync(AccessScope.System, async () =>
        {
            await using var sys = app.Services.GetRequiredService<IDbContextFactory<GuanxiDbContext>>().CreateDbContext();
            // Closed cases: the model runs above may already have opened one per customer, and a customer has one open case at most.
            var a = new Guanxi.Domain.Maintenance.WinBackCase { CustomerId = w.A, Reason = "流失", OpenedOn = new DateOnly(2026, 11, 1), OwnerId = w.RepA, State = Guanxi.Domain.Maintenance.WinBackState.WonBack };
            var b = new Guanxi.Domain.Maintenance.WinBackCase { CustomerId = w.B, Reason = "流失", OpenedOn = new DateOnly(2026, 11, 1), OwnerId = w.RepB, State = Guanxi.Domain.Maintenance.WinBackState.WonBack };
            var n = new Guanxi.Domain.Maintenance.Notification { UserId = w.RepA, Kind = Guanxi.Domain.Maintenance.NotificationKind.ChurnAlert, CustomerId = w.A };
            sys.WinBackCases.AddRange(a, b);
            sys.Notifications.Add(n);
            await sys.SaveChangesAsync();
            return (a.Id, b.Id, n.Id);
        });
        var requestA = (await admin.PostOk("/api/v1/service-requests", new { customerId = w.A, type = "Repair", channel = "Phone", subject = "甲报修" })).GetProperty("id").GetInt64();
        var requestB = (await admin.PostOk("/api/v1/service-requests", new { customerId = w.B, type = "Repair", channel = "Phone", subject = "乙报修" })).GetProperty("id").GetInt64();
        var slaPolicy = (await admin.PostOk("/api/v1/sla-policies", new { name = "默认服务", firstResponseMinutes = 60, resolutionMinutes = 480 })).GetProperty("id").GetInt64();
        var attachmentA = await AttachAsync(admin, requestA);
        var attachmentB = await AttachAsync(admin, requestB);
        var opportunityA = (await admin.PostOk("/api/v1/opportunities", new { customerId = w.A, title = "甲商机", amount = 100m, ownerId = w.RepA })).GetProperty("id").GetInt64();
        var opportunityB = (await admin.PostOk("/api/v1/opportunities", new { customerId = w.B, title = "乙商机", amount = 200m, ownerId = w.RepB })).GetProperty("id").GetInt64();
        var product = (await admin.PostOk("/api/v1/products", new { code = "P-1", name = "产品", price = 10m })).GetProperty("id").GetInt64();
        var template = (await admin.PostOk("/api/v1/templates", new { name = "模板", channel = "sms", language = "zh-CN", body = "{{ name }}您好" })).GetProperty("id").GetInt64();
        // A sent campaign, so its report answers.
        var campaign = (await admin.PostOk("/api/v1/campaigns", new { name = "活动", templateId = template, audience = new { tag = "VIP" } })).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.Send(HttpMethod.Post, $"/api/v1/campaigns/{campaign}/send")).Status);
        var careRule = (await admin.PostOk("/api/v1/care-rules", new { name = "生日关怀", kind = "birthday", days = 3, templateId = template })).GetProperty("id").GetInt64();
        async Task<long> Target(long userId)
        {
            var (status, body) = await admin.Send(HttpMethod.Put, "/api/v1/sales/targets", new { period = "2027-Q1", userId, amount = 1000m });
            Assert.Equal(HttpStatusCode.OK, status);
            return body.GetProperty("id").GetInt64();
        }
        var targetA = await Target(w.RepA);
        var targetB = await Target(w.RepB);
        async Task<long> View(string user) =>
            (await app.ClientWithToken(app.TokenFor(user)).PostOk("/api/v1/opportunity-views", new { name = "我的进行中", status = "open", owner = "me" })).GetProperty("id").GetInt64();
        var viewA = await View("rep-a");
        var viewB = await View("rep-b");
        async Task<long> CustomerView(string user) =>
            (await app.ClientWithToken(app.TokenFor(user)).PostOk("/api/v1/customer-views", new { name = "我的有风险客户", query = "tag=VIP", columns = new[] { "name" } })).GetProperty("id").GetInt64();
        var customerViewA = await CustomerView("rep-a");
        var customerViewB = await CustomerView("rep-b");
        var user = app.UserId("rep-b");
        var token = await CurrentUser.RunAsAsync(AccessScope.System, async () =>
            (await app.Services.GetRequiredService<StaffDirectory>().CreateTokenAsync("rep-b", "matrix", null)).Token.Id);
        return new World(
            new Ids(w.A, w.OrderA, interactionA, contactA, shareA, consentA, dupA, taskA, winBackA, requestA, attachmentA, opportunityA, targetA, viewA, customerViewA),
            new Ids(w.B, w.OrderB, w.InteractionB, w.ContactB, shareB, consentB, dupB, taskB, winBackB, requestB, attachmentB, opportunityB, targetB, viewB, customerViewB),
            w.Group, field, model, second.RunId, first.RunId, user, token, playbook, notification, slaPolicy, Guanxi.Domain.Sales.Pipeline.DefaultId, product, template, campaign, careRule);
    }

    /// <summary>Everything a refused request could have changed, as one comparable string (the audit trail grows by design).</summary>
    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var parts = new object?[]
        {
            string.Join(",", await db.Customers.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.OwnerId).ToListAsync()),
            string.Join(",", await db.Orders.OrderBy(o => o.Id).Select(o => o.Id + ":" + o.Version + ":" + o.CustomerId).ToListAsync()),
            string.Join(",", await db.Interactions.OrderBy(i => i.Id).Select(i => i.Id + ":" + i.Subject + ":" + i.CustomerId).ToListAsync()),
            string.Join(",", await db.Contacts.OrderBy(k => k.Id).Select(k => k.Id + ":" + k.Name).ToListAsync()),
            string.Join(",", await db.CustomerTags.OrderBy(t => t.CustomerId).ThenBy(t => t.Tag).Select(t => t.CustomerId + t.Tag).ToListAsync()),
            string.Join(",", await db.CustomerGroupMembers.OrderBy(m => m.CustomerId).Select(m => m.CustomerId + ":" + m.GroupId).ToListAsync()),
            string.Join(",", await db.CustomerGroups.OrderBy(g => g.Id).Select(g => g.Id + g.Name).ToListAsync()),
            string.Join(",", await db.CustomFieldDefinitions.OrderBy(f => f.Id).Select(f => f.Id + f.Label).ToListAsync()),
            string.Join(",", await db.CustomModels.OrderBy(m => m.Id).Select(m => m.Id + ":" + m.Version).ToListAsync()),
            string.Join(",", await db.Settings.OrderBy(s => s.Key).Select(s => s.Key + "=" + s.Value).ToListAsync()),
            string.Join(",", await db.ModelRuns.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.Status).ToListAsync()),
            string.Join(",", await db.CustomerShares.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.Access).ToListAsync()),
            string.Join(",", await db.Consents.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.WithdrawnAt).ToListAsync()),
            string.Join(",", await db.DuplicateCandidates.OrderBy(d => d.Id).Select(d => d.Id + ":" + d.Status).ToListAsync()),
            string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.TeamId + ":" + u.LockoutEnd + ":" + u.SecurityStamp).ToListAsync()),
            string.Join(",", await db.UserRoles.OrderBy(r => r.UserId).Select(r => r.UserId + ":" + r.RoleId).ToListAsync()),
            string.Join(",", await db.AccessTokens.OrderBy(t => t.Id).Select(t => t.Id + ":" + t.RevokedAt).ToListAsync()),
            await db.Teams.CountAsync(),
            string.Join(",", await db.Tasks.OrderBy(t => t.Id).Select(t => t.Id + ":" + t.Version + ":" + t.State + ":" + t.AssigneeId).ToListAsync()),
            string.Join(",", await db.WinBackCases.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.State).ToListAsync()),
            string.Join(",", await db.Playbooks.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Version + ":" + p.Active).ToListAsync()),
            string.Join(",", await db.ServiceRequests.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.Version + ":" + r.Status + ":" + r.AssigneeId).ToListAsync()),
            await db.ServiceRequestNotes.CountAsync(),
            await db.ServiceAttachments.CountAsync(),
            string.Join(",", await db.SlaPolicies.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Version).ToListAsync()),
            await db.BusinessCalendarDays.CountAsync(),
            string.Join(",", await db.Opportunities.OrderBy(o => o.Id).Select(o => o.Id + ":" + o.Version + ":" + o.StageId + ":" + o.Status + ":" + o.CustomerId).ToListAsync()),
            await db.OpportunityStageChanges.CountAsync(),
            string.Join(",", await db.Pipelines.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Version).ToListAsync()),
            await db.PipelineStages.CountAsync(),
            string.Join(",", await db.Products.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Version).ToListAsync()),
            string.Join(",", await db.LeadGradeRules.OrderBy(r => r.Grade).Select(r => r.Grade + ":" + r.Version).ToListAsync()),
            await db.CustomerGradeChanges.CountAsync(),
            string.Join(",", await db.MessageTemplates.OrderBy(t => t.Id).Select(t => t.Id + ":" + t.Version).ToListAsync()),
            string.Join(",", await db.Campaigns.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.Status).ToListAsync()),
            string.Join(",", await db.CareRules.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version).ToListAsync()),
            await db.CampaignRecipients.IgnoreQueryFilters().CountAsync(),
            await db.OutboxMessages.IgnoreQueryFilters().CountAsync(),
            string.Join(",", await db.SalesTargets.OrderBy(t => t.Id).Select(t => t.Id + ":" + t.Version + ":" + t.AmountCents).ToListAsync()),
            await db.SalesCommitments.CountAsync(),
            string.Join(",", await db.OpportunityViews.OrderBy(v => v.Id).Select(v => v.Id + ":" + v.Name + ":" + v.Status).ToListAsync()),
            string.Join(",", await db.CustomerViews.IgnoreQueryFilters().OrderBy(v => v.Id).Select(v => v.Id + ":" + v.Name + ":" + v.Query).ToListAsync()),
        };
        return string.Join("|", parts);
    }

    private sealed record Caller(string Role, HttpClient Http, bool HasOutside);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_role_gets_the_expected_answer_on_every_id_taking_endpoint_and_refusals_change_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        app.CreateUser("agent-a", Roles.ServiceAgent, "上海一组", "华东");
        var w = await SeedAsync(app);
        var callers = new[]
        {
            new Caller(Roles.SalesRep, app.ClientWithToken(app.TokenFor("rep-a")), true),
            new Caller(Roles.SalesManager, app.ClientAs(Roles.SalesManager, "华东"), true),
            new Caller(Roles.ServiceAgent, app.ClientWithToken(app.TokenFor("agent-a")), true),
            new Caller(Roles.Marketer, app.ClientAs(Roles.Marketer), false),
            new Caller(Roles.Analyst, app.ClientAs(Roles.Analyst), false),
            new Caller(Roles.Admin, app.Client(), false),
        };
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal) && e.RoutePattern.Parameters.Count > 0)
            .ToList();
        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} id-taking endpoints found");
        var failures = new List<string>();
        var checkedCount = 0;
        var state = await SnapshotAsync(db);
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            var right = endpoint.Metadata.GetOrderedMetadata<RequiresAttribute>().Select(r => r.Right).ToList();
            Assert.True(right.Count > 0, $"{pattern} declares no right");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                foreach (var caller in callers)
                {
                    foreach (var inside in caller.HasOutside ? new[] { true, false } : [true])
                    {
                        var url = "/" + Regex.Replace(pattern, @"\{(\w+)(:\w+)?\}", m => Fill(m.Groups[1].Value, pattern, w, inside)!);
                        var hasRight = right.All(r => Rights.Has(caller.Role, r));
                        int? expected = !hasRight ? 403 : CustomerScoped(pattern) && !inside ? 404 : method == "GET" ? 200 : null;
                        // A task is its assignee's and their managers': the service agent sees customer A but not rep A's task on it.
                        if (hasRight && caller.Role == Roles.ServiceAgent && pattern.StartsWith("api/v1/tasks/", StringComparison.Ordinal)) expected = 404;
                        if (expected is null) continue; // a permitted write in reach: its own tests cover what it does
                        using var request = new HttpRequestMessage(new HttpMethod(method), url);
                        if (method is "POST" or "PUT" or "PATCH")
                            request.Content = Body(method, pattern, w, inside) is HttpContent form ? form : System.Net.Http.Json.JsonContent.Create(Body(method, pattern, w, inside));
                        var response = await caller.Http.SendAsync(request);
                        checkedCount++;
                        var status = (int)response.StatusCode;
                        if (status != expected) failures.Add($"{caller.Role} {method} {url} ({(inside ? "inside" : "outside")} reach) gave {status}, expected {expected}");
                        if (expected != 200)
                        {
                            var now = await SnapshotAsync(db);
                            if (now != state)
                            {
                                failures.Add($"{caller.Role} {method} {url} was refused but changed the database");
                                state = now;
                            }
                        }
                    }
                }
            }
        }
        Assert.True(checkedCount > 300, $"only {checkedCount} cells checked");

        // Aggregates are counted within reach: the rep's overview and a custom model's drill-down see only customer A.
        var rep = callers[0].Http;
        var overview = await rep.GetOk("/api/v1/models");
        var rfm = overview.GetProperty("models").EnumerateArray().First(m => m.GetProperty("key").GetString() == Guanxi.Domain.Models.ModelCatalog.Rfm.Key);
        Assert.Equal(1, rfm.GetProperty("classes").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()) + rfm.GetProperty("notApplicable").GetInt32());
        var buyers = await rep.GetOk("/api/v1/models/custom:大客户/classes/Buyer/customers");
        Assert.Equal([w.Inside.Customer], buyers.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));
        var all = await app.Client().GetOk("/api/v1/models/custom:大客户/classes/Buyer/customers");
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        var matrix = await rep.GetOk($"/api/v1/model-runs/{w.OtherRun}/migration/{w.Run}?model={Guanxi.Domain.Models.ModelCatalog.Rfm.Key}");
        Assert.Equal(1, matrix.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("customers").GetInt32()));
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} cells wrong:\n" + string.Join("\n", failures));
    }
}
