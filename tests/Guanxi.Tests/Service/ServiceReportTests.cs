using System.Globalization;
using System.Net;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Import;
using Guanxi.Tests.Infrastructure;
using MiniExcelLibs;

namespace Guanxi.Tests.Service;

/// <summary>
/// The service reports on a small known desk, on SQLite and PostgreSQL: volume by type, channel and layer, SLA compliance
/// (met, late, overdue), nearest-rank median and 90th percentile of the elapsed times, the caller's reach, the XLSX export.
/// </summary>
public sealed class ServiceReportTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    // Shanghai times in ordinary March 2026 working weeks; the policy answers within 60 and resolves within 480 business
    // minutes (09:00–18:00). A: both met (60 min). B: answered late, resolved in time (180 min). C: both late (2 days).
    // D: never answered, open: both overdue (the suite's days all come after March 2026). E: before the range.
    // F: made at 23:00 on the range's last day, answered and resolved at 10:00 the next morning: in time (660 min).
    private const string Requests = """
        request_id,customer_id,type,channel,subject,status,created_at,resolved_at
        A,1,repair,phone,空调不制冷,,2026-03-02T09:00:00,2026-03-02T10:00:00
        B,1,inquiry,wechat,问保修,,2026-03-03T09:00:00,2026-03-03T12:00:00
        C,2,complaint,wechat,态度差,,2026-03-04T09:00:00,2026-03-06T09:00:00
        D,2,complaint,email,送货太慢,new,2026-03-05T09:00:00,
        E,1,inquiry,phone,问价格,,2026-02-27T09:00:00,2026-02-27T09:30:00
        F,1,return,store,退货,,2026-03-31T23:00:00,2026-04-01T10:00:00

        """;

    private static int Count(JsonElement list, string key) =>
        list.EnumerateArray().Single(v => v.GetProperty("key").GetString() == key).GetProperty("count").GetInt32();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_report_counts_volume_sla_compliance_and_times_of_the_range_within_the_callers_reach(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        await admin.PostOk("/api/v1/sla-policies", new { name = "默认服务", firstResponseMinutes = 60, resolutionMinutes = 480 });
        var customers = _files.Write("customers.csv", "customer_id,code,name\n1,KH1,甲\n2,KH2,乙\n");
        var requests = _files.Write("requests.csv", Requests.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(0, (await GuanxiCli.RunAsync("import", "customers", customers, "--db", db.DbArgument)).ExitCode);
        var imported = await GuanxiCli.RunAsync("import", "service-requests", requests, "--db", db.DbArgument);
        Assert.True(imported.LastLine == "imported 6, updated 0, unchanged 0, rejected 0", imported.Stdout + imported.Stderr);

        // D is finally answered now: late, and its first-response time is the whole wait.
        var queue = await admin.GetOk("/api/v1/service-requests?status=open");
        var d = queue.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("subject").GetString() == "送货太慢");
        await admin.PostOk($"/api/v1/service-requests/{d.GetProperty("id").GetInt64()}/transition", new { to = "in-progress" }, HttpStatusCode.OK);
        var dWait = (int)Math.Floor((app.Clock.GetUtcNow().UtcDateTime - new DateTime(2026, 3, 5, 1, 0, 0, DateTimeKind.Utc)).TotalMinutes);

        var report = await admin.GetOk("/api/v1/service-reports?from=2026-03-01&to=2026-03-31");
        Assert.Equal("2026-03-01", report.GetProperty("from").GetString());
        Assert.Equal(5, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("open").GetInt32());
        Assert.Equal(4, report.GetProperty("resolved").GetInt32());

        var byType = report.GetProperty("byType");
        Assert.Equal([1, 1, 2, 0, 1], new[] { "Inquiry", "Repair", "Complaint", "Suggestion", "Return" }.Select(k => Count(byType, k)));
        var byChannel = report.GetProperty("byChannel");
        Assert.Equal([1, 2, 1, 0, 1, 0], new[] { "Phone", "WeChat", "Email", "WebForm", "Store", "Other" }.Select(k => Count(byChannel, k)));
        // No model run yet: every request's customer is not classified.
        Assert.Equal(5, Count(report.GetProperty("byLayer"), ""));
        Assert.Equal(0, Count(report.GetProperty("byLayer"), "key"));

        var response = report.GetProperty("firstResponse");
        Assert.Equal((2, 3, 0), (response.GetProperty("met").GetInt32(), response.GetProperty("breached").GetInt32(), response.GetProperty("pending").GetInt32()));
        Assert.Equal(0.4, response.GetProperty("rate").GetDouble());
        var resolution = report.GetProperty("resolution");
        Assert.Equal((3, 2, 0), (resolution.GetProperty("met").GetInt32(), resolution.GetProperty("breached").GetInt32(), resolution.GetProperty("pending").GetInt32()));
        Assert.Equal(0.6, resolution.GetProperty("rate").GetDouble());

        // First responses: 60, 180, 660, 2880 and D's wait → median the 3rd, p90 the 5th; resolutions: 60, 180, 660, 2880 → 2nd and 4th.
        var responseTime = report.GetProperty("firstResponseTime");
        Assert.Equal(5, responseTime.GetProperty("count").GetInt32());
        Assert.Equal(660, responseTime.GetProperty("medianMinutes").GetInt32());
        Assert.Equal(dWait, responseTime.GetProperty("p90Minutes").GetInt32());
        var resolutionTime = report.GetProperty("resolutionTime");
        Assert.Equal(4, resolutionTime.GetProperty("count").GetInt32());
        Assert.Equal(180, resolutionTime.GetProperty("medianMinutes").GetInt32());
        Assert.Equal(2880, resolutionTime.GetProperty("p90Minutes").GetInt32());

        // A narrower range: only B and C.
        var narrow = await admin.GetOk("/api/v1/service-reports?from=2026-03-03&to=2026-03-04");
        Assert.Equal(2, narrow.GetProperty("created").GetInt32());

        // An agent who serves none of these customers counts none of them; a backwards range names the field.
        var stranger = app.ClientAs(Roles.ServiceAgent, "客服二组");
        Assert.Equal(0, (await stranger.GetOk("/api/v1/service-reports?from=2026-03-01&to=2026-03-31")).GetProperty("created").GetInt32());
        var backwards = await admin.Send(HttpMethod.Get, "/api/v1/service-reports?from=2026-03-31&to=2026-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.Status);
        Assert.True(backwards.Body.GetProperty("errors").TryGetProperty("from", out _), backwards.Body.GetRawText());

        // The export holds the same figures.
        using var xlsx = await admin.GetAsync(new Uri("/api/v1/service-reports/export?from=2026-03-01&to=2026-03-31", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("service-report-20260301-20260331.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName);
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var summary = book.Query(useHeaderRow: true, sheetName: "summary").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["figure"]!, r => Convert.ToString(r["value"], CultureInfo.InvariantCulture));
        Assert.Equal("5", summary["created"]);
        Assert.Equal("0.6", summary["resolution_rate"]);
        Assert.Equal("180", summary["resolution_minutes_median"]);
        book.Position = 0;
        var types = book.Query(useHeaderRow: true, sheetName: "by_type").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("2", Convert.ToString(types.Single(r => (string)r["type"]! == "Complaint")["requests"], CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_satisfaction_trend_gives_the_csat_mean_and_the_nps_per_week_and_per_month_in_the_desks_days(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var admin = app.Client();
        var customer = await admin.CreateCustomer("满意度客户");
        // Answers written as the survey page stores them, at fixed Shanghai times (UTC+8) of March and April 2026.
        await using (var context = db.CreateContext())
        {
            int n = 0;
            void Answer(Domain.Service.SurveyKind kind, int score, DateTime shanghai)
            {
                var at = DateTime.SpecifyKind(shanghai.AddHours(-8), DateTimeKind.Utc);
                context.SatisfactionSurveys.Add(new Domain.Service.SatisfactionSurvey
                {
                    Kind = kind, CustomerId = customer, TokenHash = (++n).ToString("x64", CultureInfo.InvariantCulture),
                    CreatedAt = at.AddHours(-1), ExpiresAt = at.AddDays(7), AnsweredAt = at, Score = score,
                });
            }
            Answer(Domain.Service.SurveyKind.Csat, 5, new DateTime(2026, 3, 2, 10, 0, 0));
            Answer(Domain.Service.SurveyKind.Csat, 3, new DateTime(2026, 3, 7, 23, 30, 0));   // still the first week
            Answer(Domain.Service.SurveyKind.Nps, 10, new DateTime(2026, 3, 10, 9, 0, 0));
            Answer(Domain.Service.SurveyKind.Nps, 9, new DateTime(2026, 3, 11, 9, 0, 0));
            Answer(Domain.Service.SurveyKind.Nps, 0, new DateTime(2026, 3, 12, 9, 0, 0));
            Answer(Domain.Service.SurveyKind.Nps, 6, new DateTime(2026, 3, 31, 23, 30, 0));  // the last days of March
            Answer(Domain.Service.SurveyKind.Csat, 1, new DateTime(2026, 4, 1, 0, 30, 0));    // April in Shanghai, March in UTC
            await context.SaveChangesAsync();
        }

        // Weeks: 7-day periods from the first day, the last one cut at the range's end.
        var weeks = (await admin.GetOk("/api/v1/service-reports?from=2026-03-01&to=2026-03-31")).GetProperty("satisfaction").EnumerateArray().ToList();
        Assert.Equal(["2026-03-01", "2026-03-08", "2026-03-15", "2026-03-22", "2026-03-29"], weeks.Select(w => w.GetProperty("from").GetString()));
        Assert.Equal("2026-03-31", weeks[^1].GetProperty("to").GetString());
        Assert.Equal(2, weeks[0].GetProperty("csatAnswers").GetInt32());
        Assert.Equal(4.0, weeks[0].GetProperty("csatAverage").GetDouble());
        Assert.Equal(JsonValueKind.Null, weeks[0].GetProperty("nps").ValueKind);
        Assert.Equal(3, weeks[1].GetProperty("npsAnswers").GetInt32());
        Assert.Equal(33, weeks[1].GetProperty("nps").GetInt32());   // 2 promoters, 1 detractor of 3
        Assert.Equal(0, weeks[2].GetProperty("npsAnswers").GetInt32() + weeks[2].GetProperty("csatAnswers").GetInt32());
        Assert.Equal(-100, weeks[4].GetProperty("nps").GetInt32());
        Assert.Equal(0, weeks[4].GetProperty("csatAnswers").GetInt32());

        // Months beyond two months: March holds six answers, April the CSAT of 1 given half an hour into it.
        var months = (await admin.GetOk("/api/v1/service-reports?from=2026-02-15&to=2026-04-30")).GetProperty("satisfaction").EnumerateArray().ToList();
        Assert.Equal(["2026-02-15", "2026-03-01", "2026-04-01"], months.Select(m => m.GetProperty("from").GetString()));
        Assert.Equal(4, months[1].GetProperty("npsAnswers").GetInt32());
        Assert.Equal(0, months[1].GetProperty("nps").GetInt32());   // 2 promoters, 2 detractors
        Assert.Equal(1.0, months[2].GetProperty("csatAverage").GetDouble());

        // The export has the trend as its own sheet.
        using var xlsx = await admin.GetAsync(new Uri("/api/v1/service-reports/export?from=2026-03-01&to=2026-03-31", UriKind.Relative));
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var trend = book.Query(useHeaderRow: true, sheetName: "satisfaction").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(5, trend.Count);
        Assert.Equal("33", Convert.ToString(trend[1]["nps"], CultureInfo.InvariantCulture));
    }
}
