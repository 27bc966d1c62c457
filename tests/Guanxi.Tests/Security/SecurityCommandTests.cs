using System.Net;
using Guanxi.Data;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Security;

[ClockIndependent] // users, teams and tokens (expiry relative to the clock): no calendar day
public class SecurityCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Users_teams_and_tokens_commands_follow_the_contract(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        async Task<CliResult> Run(string? input, params string[] args)
        {
            var result = input is null
                ? await GuanxiCli.RunAsync([.. args, "--db", db.DbArgument])
                : await GuanxiCli.RunWithInputAsync(input, [.. args, "--db", db.DbArgument]);
            Assert.True(result.ExitCode == 0, $"guanxi {string.Join(' ', args)}: {result.Stderr}{result.Stdout}");
            return result;
        }

        await Run(null, "teams", "add", "华东");
        await Run(null, "teams", "add", "上海一组", "--parent", "华东");
        await Run("S3cret-pass!\n", "users", "add", "wang.fang", "--role", "sales-manager", "--team", "华东", "--password-stdin");
        await Run(null, "users", "add", "admin", "--role", "admin");
        var list = await Run(null, "users", "list");
        Assert.Contains("wang.fang\tsales-manager\t华东", list.Stdout, StringComparison.Ordinal);
        var bad = await GuanxiCli.RunAsync("users", "add", "x", "--role", "boss", "--db", db.DbArgument);
        Assert.NotEqual(0, bad.ExitCode);

        var token = (await Run(null, "tokens", "create", "ci", "--expires", "7")).LastLine;
        Assert.StartsWith("gx_", token, StringComparison.Ordinal);
        var managerToken = (await Run(null, "tokens", "create", "mobile", "--user", "wang.fang")).LastLine;

        await using var app = new GuanxiApp(db);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(token).GetAsync("/api/v1/users")).StatusCode);
        var me = await app.ClientWithToken(managerToken).GetStringAsync("/api/v1/account");
        Assert.Contains("sales-manager", me, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientWithToken(managerToken).GetAsync("/api/v1/users")).StatusCode);
    }
}
