using System.Net;
using System.Text;
using Guanxi.Data;
using Guanxi.Data.Customers;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Guanxi.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Customers;

/// <summary>The list search by pinyin and initials (decision 0021): `wym`, `lei`, `wangyan` find 王艳明 and 雷军.</summary>
[ClockIndependent] // name search: no dates
public class PinyinSearchTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Letters_find_names_by_the_start_of_their_pinyin_or_initials(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        foreach (var name in new[] { "王艳明", "雷军", "王磊", "曾小贤", "ABC科技", "Olivia" })
        {
            await http.CreateCustomer(name);
        }

        Assert.Equal(["王艳明"], await Names(http, "wym"));
        Assert.Equal(["王艳明"], await Names(http, "WYM"));
        Assert.Equal(["王艳明"], await Names(http, "wangyanming"));
        Assert.Equal(["王艳明"], await Names(http, "wangyan"));
        Assert.Equal(["雷军"], await Names(http, "lei")); // 王磊 (wanglei) does not start with it
        Assert.Equal(["王磊", "王艳明"], await Names(http, "wang"));
        Assert.Equal(["王磊"], await Names(http, "wl"));
        Assert.Equal(["曾小贤"], await Names(http, "zeng")); // the surname's reading, not ceng
        Assert.Empty(await Names(http, "ceng"));
        Assert.Equal(["ABC科技"], await Names(http, "abckj"));
        // The name search still runs beside it: "li" is in Olivia, and no pinyin starts with it.
        Assert.Equal(["Olivia"], await Names(http, "li"));
        // Not letters only: no pinyin lookup.
        Assert.Empty(await Names(http, "wym1"));
        Assert.Empty(await Names(http, "w y m"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rep_finds_only_own_customers_by_pinyin(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        await AccessMatrixTests.SeedAsync(app); // 甲公司 owned by rep-a, 乙公司 by rep-b
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));

        Assert.Equal(["甲公司"], await Names(rep, "jgs"));
        Assert.Empty(await Names(rep, "ygs"));
        Assert.Empty(await Names(rep, "yigongsi"));
        Assert.Equal(["乙公司"], await Names(app.Client(), "ygs"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_update_rename_and_erase_keep_the_pinyin(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // New customers go in by the bulk insert, a changed one through the change tracker.
        var created = await GuanxiCli.RunAsync("import", "customers", await WriteAsync("customer_id,name\n1,王艳明\n2,曾小贤\n3,雷军\n"), "--db", db.DbArgument);
        Assert.True(created.ExitCode == 0, created.Stderr + created.Stdout);
        Assert.Equal("imported 3, updated 0, unchanged 0, rejected 0", created.LastLine);
        var updated = await GuanxiCli.RunAsync("import", "customers", await WriteAsync("customer_id,name\n2,单田芳\n"), "--db", db.DbArgument);
        Assert.Equal("imported 0, updated 1, unchanged 0, rejected 0", updated.LastLine);

        await using var app = new GuanxiApp(db);
        var http = app.Client();
        Assert.Equal(["王艳明"], await Names(http, "wym"));
        Assert.Equal(["单田芳"], await Names(http, "shantian"));
        Assert.Empty(await Names(http, "zxx"));

        var wang = await IdOf(db, "王艳明");
        var (put, _) = await http.Send(HttpMethod.Put, $"/api/v1/customers/{wang}", new { name = "周杰伦" });
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Empty(await Names(http, "wym"));
        Assert.Equal(["周杰伦"], await Names(http, "zjl"));

        await http.PostOk($"/api/v1/customers/{await IdOf(db, "雷军")}/erase", new { }, HttpStatusCode.OK);
        Assert.Empty(await Names(http, "lei"));
        Assert.Empty(await Names(http, "lj"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Customers_written_before_the_upgrade_get_their_pinyin_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateEmptyAsync(provider);
        if (provider == DatabaseProvider.Sqlite) Directory.CreateDirectory(Path.GetDirectoryName(db.DbArgument)!);
        await using (var ctx = db.CreateContext())
        {
            await ctx.Database.MigrateAsync("OpenRequestQueueIndexes");
            await ctx.Database.ExecuteSqlRawAsync("""
                INSERT INTO customers (code, name, kind, relationship, company_size, created_at, updated_at, version)
                VALUES ('OLD-1', '雷军', 'Person', 'Ordinary', 'Unknown', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1),
                       ('OLD-2', '---', 'Person', 'Ordinary', 'Unknown', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)
                """);
        }

        await GuanxiDatabase.MigrateAsync(db.Target);
        await using (var ctx = db.CreateContext())
        {
            var old = await ctx.Customers.IgnoreQueryFilters().SingleAsync(c => c.Code == "OLD-1");
            Assert.Equal(("leijun", "lj", 1L), (old.NamePinyin, old.NameInitials, old.Version));
        }
        // A second start finds nothing to fill ("---" has no reading and stays empty).
        Assert.Equal(0, await CustomerPinyinBackfill.RunAsync(db.Target));

        await using var app = new GuanxiApp(db);
        Assert.Equal(["雷军"], await Names(app.Client(), "lei"));
    }

    private static async Task<long> IdOf(TestDatabase db, string name)
    {
        await using var ctx = db.CreateContext();
        return await ctx.Customers.IgnoreQueryFilters().Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private static async Task<string> WriteAsync(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("guanxi-pinyin").FullName, "customers.csv");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
        return path;
    }

    private static async Task<List<string>> Names(HttpClient http, string q)
    {
        var page = await http.GetOk("/api/v1/customers?q=" + Uri.EscapeDataString(q));
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
    }
}
