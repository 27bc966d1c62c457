using Guanxi.Data;
using Guanxi.Domain.Sales;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Import;

/// <summary>
/// `guanxi import opportunities` end to end: the real program on a real database, per provider. No assertion reads a
/// time: the file's days are stored as instants of the local zone, which the awkward days change, but not what is tested.
/// </summary>
[ClockIndependent]
public sealed class OpportunityImportTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string Customers = """
        customer_id,code,name
        1,KH1,意向客户甲
        2,KH2,意向客户乙

        """;

    private const string Opportunities = """
        商机编号,客户编号,客户编码,名称,金额,币种,阶段,状态,来源,热度,预计成交日期,创建日期,关闭日期,原因
        OP-1,1,,<b>年度采购</b>,120000.50,CNY,方案报价,,展会,热,2027-03-31,2026-10-01,,
        OP-2,,KH2,续约,8000,usd,2,赢单,老客户,,,2026-09-01,2026-11-20,服务口碑好
        OP-3,1,,试用,500,,Negotiation,lost,website,cold,,2026-08-01,2026-09-15,价格太高
        OP-4,42,,不存在的客户,1,,,,,,,2026-08-01,,
        OP-5,1,,负数,-5,,,,,,,2026-08-01,,
        OP-6,1,,错误币种,5,RMB,,,,,,2026-08-01,,
        OP-7,1,,没有原因,5,,,丢单,,,,2026-08-01,2026-08-02,
        OP-8,1,,未知阶段,5,,试驾,,,,,2026-08-01,,
        OP-9,2,,未知来源,5,,,,电视,,,2026-08-01,,

        """;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Good_rows_go_in_with_their_stage_history_bad_rows_are_rejected_with_line_and_reason_and_a_second_import_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var customers = _files.Write("customers.csv", Customers.Replace("\r\n", "\n", StringComparison.Ordinal));
        var file = _files.Write("opportunities.csv", Opportunities.Replace("\r\n", "\n", StringComparison.Ordinal));
        var c = await GuanxiCli.RunAsync("import", "customers", customers, "--db", db.DbArgument);
        Assert.True(c.ExitCode == 0, c.Stdout + c.Stderr);

        var first = await GuanxiCli.RunAsync("import", "opportunities", file, "--db", db.DbArgument);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Equal("imported 3, updated 0, unchanged 0, rejected 6", first.LastLine);
        var rejects = await File.ReadAllLinesAsync(file + ".rejects.csv");
        Assert.Equal(7, rejects.Length);
        foreach (var (line, reason) in new[]
        {
            ("5,", "customer_id: no customer 42"), ("6,", "amount:"), ("7,", "currency:"), ("8,", "close_reason:"), ("9,", "stage: no stage"), ("10,", "source:"),
        })
        {
            Assert.True(rejects.Any(r => r.StartsWith(line, StringComparison.Ordinal) && r.Contains(reason, StringComparison.Ordinal)), reason + " not in:\n" + string.Join("\n", rejects));
        }

        await using (var ctx = db.CreateContext())
        {
            var rows = await ctx.Opportunities.OrderBy(o => o.ExternalId).ToListAsync();
            Assert.Equal(["OP-1", "OP-2", "OP-3"], rows.Select(o => o.ExternalId));
            var (one, two, three) = (rows[0], rows[1], rows[2]);
            Assert.Equal(("<b>年度采购</b>", 12000050L, "CNY", 3L, 50, OpportunityStatus.Open, OpportunitySource.TradeShow, OpportunityHeat.Hot),
                (one.Title, one.AmountCents, one.Currency, one.StageId, one.Probability, one.Status, one.Source, one.Heat));
            Assert.Equal(new DateOnly(2027, 3, 31), one.ExpectedCloseOn);
            Assert.Equal(("USD", 2L, OpportunityStatus.Won, 100, "服务口碑好", OpportunitySource.ExistingCustomer), (two.Currency, two.StageId, two.Status, two.Probability, two.CloseReason, two.Source));
            Assert.Equal((4L, OpportunityStatus.Lost, 0, "价格太高"), (three.StageId, three.Status, three.Probability, three.CloseReason));
            Assert.NotNull(two.ClosedAt);
            // A creation row each, and a close row for the won and the lost one: what the funnel counts.
            Assert.Equal(5, await ctx.OpportunityStageChanges.CountAsync());
            Assert.Equal(2, await ctx.OpportunityStageChanges.CountAsync(x => x.ToStatus != OpportunityStatus.Open));
        }

        var second = await GuanxiCli.RunAsync("import", "opportunities", file, "--db", db.DbArgument);
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Equal("imported 0, updated 0, unchanged 3, rejected 6", second.LastLine);
        await using var after = db.CreateContext();
        Assert.Equal(3, await after.Opportunities.CountAsync());
        Assert.Equal(5, await after.OpportunityStageChanges.CountAsync());
    }
}
