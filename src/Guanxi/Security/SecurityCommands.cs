using System.CommandLine;
using Guanxi.Cli;
using Guanxi.Common;
using Guanxi.Data.Security;

namespace Guanxi.Security;

/// <summary>`guanxi users`, `guanxi teams` and `guanxi tokens`: run as the system (whoever can run the CLI owns the data).</summary>
internal static class SecurityCommands
{
    public static Command Users()
    {
        var db = CliOptions.Db;
        var name = new Argument<string>("name") { Description = "User name (sign-in name)" };
        var role = new Option<string>("--role") { Description = "One of: " + string.Join(", ", Roles.All), Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var team = new Option<string?>("--team") { Description = "Team name (see guanxi teams add)" };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (else a random one is printed)" };
        var add = new Command("add", "Add a user with one role.") { name, role, team, stdin, db };
        add.SetAction(async (parse, ct) => await Run(async () =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            string? password = null;
            var printPassword = false;
            if (parse.GetValue(stdin)) password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
            else
            {
                password = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15));
                printPassword = true;
            }
            var user = await services.GetRequiredService<StaffDirectory>().AddUserAsync(parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(team), password, ct);
            Console.WriteLine($"added user {user.UserName} ({user.Role}{(user.Team is null ? "" : ", team " + user.Team)})");
            if (printPassword) Console.WriteLine($"password: {password}");
        }));

        var listDb = CliOptions.Db;
        var list = new Command("list", "List users with role and team.") { listDb };
        list.SetAction(async (parse, ct) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(listDb), ct);
            Console.WriteLine("user\trole\tteam\ttwo-factor\tlocked");
            foreach (var u in await services.GetRequiredService<StaffDirectory>().ListUsersAsync(ct))
                Console.WriteLine($"{u.UserName}\t{u.Role}\t{u.Team ?? "-"}\t{(u.TwoFactorEnabled ? "on" : "off")}\t{(u.LockedOut ? "yes" : "no")}");
            return 0;
        });
        var resetDb = CliOptions.Db;
        var resetName = new Argument<string>("name") { Description = "User name" };
        var resetStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from standard input (else a random one is printed once)" };
        var reset = new Command("reset-password", "Set a user's password and end their browser sessions; audited.") { resetName, resetStdin, resetDb };
        reset.SetAction(async (parse, ct) => await Run(async () =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(resetDb), ct);
            string? password = null;
            if (parse.GetValue(resetStdin))
            {
                password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') ?? "";
                // An empty line would otherwise mean "make one up": say so instead.
                if (password.Length == 0) throw ValidationException.For("password", "No password on standard input.");
            }
            var result = await services.GetRequiredService<StaffDirectory>().ResetPasswordAsync(parse.GetValue(resetName)!, password, ct);
            Console.WriteLine($"reset the password of {result.UserName}; their browser sessions are ended");
            if (result.Password is not null) Console.WriteLine($"password: {result.Password}");
        }));
        return new Command("users", "Manage users and their roles.") { add, list, reset };
    }

    public static Command Teams()
    {
        var db = CliOptions.Db;
        var name = new Argument<string>("name") { Description = "Team name" };
        var parent = new Option<string?>("--parent") { Description = "Parent team (company → region → team)" };
        var add = new Command("add", "Add a team, optionally below a parent team.") { name, parent, db };
        add.SetAction(async (parse, ct) => await Run(async () =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var team = await services.GetRequiredService<StaffDirectory>().AddTeamAsync(parse.GetValue(name)!, parse.GetValue(parent), ct);
            Console.WriteLine($"added team {team.Name}");
        }));
        var listDb = CliOptions.Db;
        var list = new Command("list", "List teams.") { listDb };
        list.SetAction(async (parse, ct) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(listDb), ct);
            var teams = await services.GetRequiredService<StaffDirectory>().ListTeamsAsync(ct);
            foreach (var t in teams) Console.WriteLine($"{t.Name}\t{teams.FirstOrDefault(p => p.Id == t.ParentId)?.Name ?? "-"}");
            return 0;
        });
        return new Command("teams", "Manage the team tree.") { add, list };
    }

    public static Command Tokens()
    {
        var db = CliOptions.Db;
        var name = new Argument<string>("name") { Description = "A name for the token, e.g. the integration using it" };
        var expires = new Option<int?>("--expires") { Description = "Days until the token expires (default: never)" };
        var user = new Option<string>("--user") { Description = "The user the token acts as (default: admin)", DefaultValueFactory = _ => "admin" };
        var create = new Command("create", "Create a personal access token; prints it once, alone on the last line.") { name, expires, user, db };
        create.SetAction(async (parse, ct) => await Run(async () =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            var created = await services.GetRequiredService<StaffDirectory>().CreateTokenAsync(parse.GetValue(user)!, parse.GetValue(name)!, parse.GetValue(expires), ct);
            Console.WriteLine($"token {created.Token.Id} '{created.Token.Name}' for {parse.GetValue(user)}" +
                (created.Token.ExpiresAt is { } e ? $", expires {e:yyyy-MM-dd HH:mm} UTC" : ", no expiry") + "; it is shown only now:");
            Console.WriteLine(created.Secret);
        }));
        var revokeDb = CliOptions.Db;
        var id = new Argument<long>("id") { Description = "Token id (as printed by create)" };
        var revoke = new Command("revoke", "Revoke a token at once.") { id, revokeDb };
        revoke.SetAction(async (parse, ct) => await Run(async () =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(revokeDb), ct);
            await services.GetRequiredService<StaffDirectory>().RevokeTokenAsync(parse.GetValue(id), null, ct);
            Console.WriteLine($"revoked token {parse.GetValue(id)}");
        }));
        return new Command("tokens", "Manage API tokens.") { create, revoke };
    }

    /// <summary>Validation errors become a message and exit code 2, not a stack trace.</summary>
    private static async Task<int> Run(Func<Task> work)
    {
        try
        {
            await work();
            return 0;
        }
        catch (ValidationException e)
        {
            foreach (var (field, messages) in e.Errors) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return 2;
        }
        catch (NotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
