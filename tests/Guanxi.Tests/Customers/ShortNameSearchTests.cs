using System.Net;
using System.Text;
using System.Text.Json;
using Guanxi.Data;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Guanxi.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Tests.Customers;

/// <summary>One- and two-character name queries, served by the per-character name index (migration NameCharacterSearch).</summary>
[ClockIndependent] // name search: no dates
public class ShortNameSearchTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_and_two_character_queries_find_the_names_containing_them_and_no_others(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        foreach (var name in new[] { "王芳", "王小芳", "欧阳王芳", "李娜", "Li Wei", "Olivia", "Ali Khan", "Wang Fang", "7-Eleven" })
        {
            await http.CreateCustomer(name);
        }

        Assert.Equal(["欧阳王芳", "王芳"], await Names(http, "王芳"));
        Assert.Equal(["欧阳王芳", "王小芳", "王芳"], await Names(http, "芳"));
        Assert.Equal(["王小芳"], await Names(http, "小芳"));
        Assert.Equal(["李娜"], await Names(http, "李"));
        Assert.Empty(await Names(http, "芳王"));
        // Two letters are also a pinyin prefix (decision 0021): 李娜 is "lina".
        Assert.Equal(["Ali Khan", "Li Wei", "Olivia", "李娜"], await Names(http, "li"));
        Assert.Equal(["Ali Khan", "Li Wei", "Olivia", "李娜"], await Names(http, "LI"));
        Assert.Equal(["Ali Khan", "Olivia", "Wang Fang"], await Names(http, "a"));
        Assert.Equal(["Ali Khan", "Olivia", "Wang Fang"], await Names(http, "A"));
        Assert.Equal(["7-Eleven"], await Names(http, "7"));
        Assert.Equal(["7-Eleven"], await Names(http, "7-"));
        Assert.Equal(["Wang Fang"], await Names(http, "NG"));
        // Letters either side of a space are consecutive tokens but not a substring: the recheck drops them.
        Assert.Empty(await Names(http, "iw"));
        Assert.Empty(await Names(http, "x"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rep_finds_only_own_customers_by_a_short_name(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        await AccessMatrixTests.SeedAsync(app); // 甲公司 owned by rep-a, 乙公司 by rep-b
        var rep = app.ClientWithToken(app.TokenFor("rep-a"));

        Assert.Equal(["甲公司"], await Names(rep, "公司"));
        Assert.Empty(await Names(rep, "乙"));
        Assert.Empty(await Names(rep, "乙公"));
        Assert.Equal(["乙公司"], await Names(app.Client(), "乙"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_index_follows_insert_update_delete_merge_and_erase(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var renamed = await http.CreateCustomer("王芳");
        var deleted = await http.CreateCustomer("赵敏");
        var keep = await http.CreateCustomer("张伟");
        var merged = await http.CreateCustomer("孙丽");
        var erased = await http.CreateCustomer("钱多");
        Assert.Equal(["王芳"], await Names(http, "王芳"));

        var (put, _) = await http.Send(HttpMethod.Put, $"/api/v1/customers/{renamed}", new { name = "周杰" });
        Assert.Equal(HttpStatusCode.OK, put);
        var (delete, _) = await http.Send(HttpMethod.Delete, $"/api/v1/customers/{deleted}");
        Assert.Equal(HttpStatusCode.NoContent, delete);
        await http.PostOk($"/api/v1/customers/{keep}/merge", new { mergedId = merged }, HttpStatusCode.OK);
        await http.PostOk($"/api/v1/customers/{erased}/erase", new { }, HttpStatusCode.OK);

        Assert.Empty(await Names(http, "王芳"));
        Assert.Equal(["周杰"], await Names(http, "周杰"));
        Assert.Empty(await Names(http, "赵"));
        Assert.Empty(await Names(http, "孙丽"));
        Assert.Equal(["张伟"], await Names(http, "张"));
        Assert.Empty(await Names(http, "钱"));
        Assert.Equal(["已删除客户 / Erased customer"], await Names(http, "删除"));
        if (provider == DatabaseProvider.Sqlite)
        {
            // PostgreSQL keeps its expression index itself; on SQLite triggers keep a separate table, so compare it
            // with the names: exactly one entry per customer, holding that name's characters.
            await using var ctx = db.CreateContext();
            Assert.Equal(await ExpectedTokensAsync(ctx), await IndexedTokensAsync(ctx));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_migration_indexes_the_customers_already_there(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateEmptyAsync(provider);
        if (provider == DatabaseProvider.Sqlite) Directory.CreateDirectory(Path.GetDirectoryName(db.DbArgument)!);
        await using (var ctx = db.CreateContext())
        {
            await ctx.Database.MigrateAsync("ModelRunsAndRollups");
            await ctx.Database.ExecuteSqlRawAsync("""
                INSERT INTO customers (code, name, kind, relationship, company_size, created_at, updated_at, version)
                VALUES ('OLD-1', '欧阳王芳', 'Person', 'Ordinary', 'Unknown', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)
                """);
            await ctx.Database.MigrateAsync();
        }

        await using var app = new GuanxiApp(db);
        Assert.Equal(["欧阳王芳"], await Names(app.Client(), "王芳"));
    }

    private static async Task<List<string>> Names(HttpClient http, string q)
    {
        var page = await http.GetOk("/api/v1/customers?q=" + Uri.EscapeDataString(q));
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Each customer id with its name's letters and digits, lower-cased: what FTS5's unicode61 tokenizer keeps.</summary>
    private static async Task<Dictionary<long, string>> ExpectedTokensAsync(GuanxiDbContext ctx)
    {
        var customers = await ctx.Customers.IgnoreQueryFilters().Select(c => new { c.Id, c.Name }).ToListAsync();
        return customers.ToDictionary(c => c.Id, c => string.Join(' ', c.Name.EnumerateRunes().Where(Rune.IsLetterOrDigit).Select(r => Rune.ToLowerInvariant(r).ToString())));
    }

    /// <summary>What the SQLite index holds per row id, read back through an fts5vocab table (tokens in position order).</summary>
    private static async Task<Dictionary<long, string>> IndexedTokensAsync(GuanxiDbContext ctx)
    {
        await ctx.Database.OpenConnectionAsync();
        await ctx.Database.ExecuteSqlRawAsync("CREATE VIRTUAL TABLE temp.name_vocab USING fts5vocab(main, customer_name_chars, instance)");
        var rows = await ctx.Database.SqlQueryRaw<VocabRow>("SELECT doc AS Doc, term AS Term, \"offset\" AS Position FROM temp.name_vocab").ToListAsync();
        return rows.GroupBy(r => r.Doc).ToDictionary(g => g.Key, g => string.Join(' ', g.OrderBy(r => r.Position).Select(r => r.Term)));
    }

    private sealed record VocabRow(long Doc, string Term, long Position);
}
