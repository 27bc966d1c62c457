using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Domain.Service;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Guanxi.Tests.Import;

/// <summary>`guanxi import service-requests` end to end: the real program on a real database, CSV then XLSX, per provider.</summary>
public sealed class ServiceRequestImportTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string Customers = """
        customer_id,code,name
        1,KH1,报修客户甲
        2,KH2,投诉客户乙

        """;

    // Times are the desk's (Asia/Shanghai): 09:00 there is 01:00 UTC.
    private const string Requests = """
        request_id,customer_id,customer_code,type,channel,priority,subject,description,status,created_at,resolved_at,assignee
        SR-1,1,,repair,wechat,high,空调不制冷,,resolved,2026-03-02T09:00:00,2026-03-02T15:30:00,agent-a
        SR-2,,KH2,投诉,电话,,态度差,<b>店员</b>,,2026-03-03 10:00:00,,
        SR-3,42,,inquiry,email,,问价格,,,2026-03-03T10:00:00,,
        SR-4,1,,praise,email,,表扬,,,2026-03-03T10:00:00,,
        SR-5,1,,inquiry,email,,问进度,,resolved,2026-03-03T10:00:00,,
        SR-6,1,,inquiry,email,,问发票,,,2026-03-03T10:00:00,2026-03-02T10:00:00,
        SR-7,1,,inquiry,email,,问地址,,,2026-03-03T10:00:00,,nobody
        SR-8,2,,return,store,urgent,退货,,in-progress,2026-03-04T09:00:00,,agent-a

        """;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Good_rows_go_in_with_their_deadlines_bad_rows_are_rejected_with_line_and_reason_and_a_second_import_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var agentId = app.CreateUser("agent-a", Roles.ServiceAgent, "客服一组");
        var policy = await admin.PostOk("/api/v1/sla-policies", new { name = "默认服务", firstResponseMinutes = 60, resolutionMinutes = 480, followUpDays = 3 });
        var customers = _files.Write("customers.csv", Customers.Replace("\r\n", "\n", StringComparison.Ordinal));
        var requests = _files.Write("service-requests.csv", Requests.Replace("\r\n", "\n", StringComparison.Ordinal));

        var c = await GuanxiCli.RunAsync("import", "customers", customers, "--db", db.DbArgument);
        Assert.True(c.ExitCode == 0, c.Stdout + c.Stderr);
        var first = await GuanxiCli.RunAsync("import", "service-requests", requests, "--db", db.DbArgument);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Equal("imported 3, updated 0, unchanged 0, rejected 5", first.LastLine);

        var rejects = await File.ReadAllLinesAsync(requests + ".rejects.csv");
        Assert.Equal("line,reason,raw", rejects[0]);
        Assert.Equal(6, rejects.Length);
        Assert.Contains(rejects, r => r.StartsWith("4,", StringComparison.Ordinal) && r.Contains("customer_id: no customer 42", StringComparison.Ordinal));
        Assert.Contains(rejects, r => r.StartsWith("5,", StringComparison.Ordinal) && r.Contains("type: \"\"praise\"\" is not one of", StringComparison.Ordinal));
        Assert.Contains(rejects, r => r.StartsWith("6,", StringComparison.Ordinal) && r.Contains("resolved_at: is empty for a resolved request", StringComparison.Ordinal));
        Assert.Contains(rejects, r => r.StartsWith("7,", StringComparison.Ordinal) && r.Contains("is before created_at", StringComparison.Ordinal));
        Assert.Contains(rejects, r => r.StartsWith("8,", StringComparison.Ordinal) && r.Contains("assignee: no user \"\"nobody\"\"", StringComparison.Ordinal));

        var china = BusinessCalendar.China();
        await using (var ctx = db.CreateContext())
        {
            Assert.Equal(3, await ctx.ServiceRequests.CountAsync());
            var repair = await ctx.ServiceRequests.SingleAsync(r => r.ExternalId == "SR-1");
            var created = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
            Assert.Equal(created, repair.CreatedAt);
            Assert.Equal(new DateTime(2026, 3, 2, 7, 30, 0), repair.ResolvedAt);
            Assert.Equal(ServiceStatus.Resolved, repair.Status);
            Assert.False(repair.IsOpen);
            Assert.Equal(agentId, repair.AssigneeId);
            Assert.Equal(ServiceRequestType.Repair, repair.Type);
            Assert.Equal(ServiceChannel.WeChat, repair.Channel);
            Assert.Equal(ServicePriority.High, repair.Priority);
            Assert.Equal(policy.GetProperty("id").GetInt64(), repair.SlaPolicyId);
            Assert.Equal(china.AddBusinessMinutesUtc(created, 480), repair.ResolutionDueAt);
            Assert.Null(repair.NextDueAt);

            var complaint = await ctx.ServiceRequests.SingleAsync(r => r.ExternalId == "SR-2");
            Assert.Equal(ServiceRequestType.Complaint, complaint.Type);
            Assert.Equal(ServiceChannel.Phone, complaint.Channel);
            Assert.Equal(ServicePriority.Normal, complaint.Priority);
            Assert.Equal(ServiceStatus.New, complaint.Status);
            Assert.Equal("<b>店员</b>", complaint.Description);
            Assert.True(complaint.IsOpen);
            var complaintCreated = new DateTime(2026, 3, 3, 2, 0, 0, DateTimeKind.Utc);
            Assert.Equal(china.AddBusinessMinutesUtc(complaintCreated, 60), complaint.ResponseDueAt);
            Assert.Equal(complaint.ResponseDueAt, complaint.NextDueAt);

            var inProgress = await ctx.ServiceRequests.SingleAsync(r => r.ExternalId == "SR-8");
            Assert.Equal(ServiceStatus.InProgress, inProgress.Status);
            Assert.Equal(agentId, inProgress.AssigneeId);
        }

        // The imported open requests are in the desk's queue.
        var queue = await admin.GetOk("/api/v1/service-requests?status=open");
        Assert.Equal(["态度差", "退货"], queue.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("subject").GetString()).Order(StringComparer.Ordinal));

        var again = await GuanxiCli.RunAsync("import", "service-requests", requests, "--db", db.DbArgument);
        Assert.Equal("imported 0, updated 0, unchanged 3, rejected 5", again.LastLine);

        // The same requests from a spreadsheet with Chinese headers: one changed, one new.
        var sheet = _files.Path("工单.xlsx");
        MiniExcel.SaveAs(sheet, new List<Dictionary<string, object?>>
        {
            new() { ["工单号"] = "SR-2", ["客户编码"] = "KH2", ["类型"] = "投诉", ["渠道"] = "电话", ["优先级"] = "紧急", ["主题"] = "态度差", ["描述"] = "<b>店员</b>", ["创建时间"] = new DateTime(2026, 3, 3, 10, 0, 0), ["解决时间"] = null },
            new() { ["工单号"] = "SR-9", ["客户编码"] = "KH1", ["类型"] = "建议", ["渠道"] = "网页", ["优先级"] = null, ["主题"] = "希望延长营业时间", ["描述"] = null, ["创建时间"] = "2026-03-05 14:00:00", ["解决时间"] = "2026-03-06 09:00:00" },
            new() { ["工单号"] = "SR-10", ["客户编码"] = "KH9", ["类型"] = "咨询", ["渠道"] = "网页", ["优先级"] = null, ["主题"] = "x", ["描述"] = null, ["创建时间"] = "2026-03-05 14:00:00", ["解决时间"] = null },
        });
        var xlsx = await GuanxiCli.RunAsync("import", "service-requests", sheet, "--db", db.DbArgument);
        Assert.True(xlsx.ExitCode == 0, xlsx.Stdout + xlsx.Stderr);
        Assert.True(xlsx.LastLine == "imported 1, updated 1, unchanged 0, rejected 1", xlsx.Stdout + File.ReadAllText(sheet + ".rejects.csv"));
        Assert.Contains(await File.ReadAllLinesAsync(sheet + ".rejects.csv"), r => r.StartsWith("4,", StringComparison.Ordinal) && r.Contains("customer_code: no customer KH9", StringComparison.Ordinal));
        await using (var ctx = db.CreateContext())
        {
            Assert.Equal(ServicePriority.Urgent, (await ctx.ServiceRequests.SingleAsync(r => r.ExternalId == "SR-2")).Priority);
            var suggestion = await ctx.ServiceRequests.SingleAsync(r => r.ExternalId == "SR-9");
            Assert.Equal(ServiceStatus.Resolved, suggestion.Status);
            Assert.Equal(ServiceChannel.WebForm, suggestion.Channel);
            Assert.Equal(new DateTime(2026, 3, 6, 1, 0, 0), suggestion.ResolvedAt);
            Assert.Equal(4, await ctx.ServiceRequests.CountAsync());
        }
    }
}
