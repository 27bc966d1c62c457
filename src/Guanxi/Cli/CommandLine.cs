using System.CommandLine;
using Guanxi.Data;
using Guanxi.Hosting;

namespace Guanxi.Cli;

/// <summary>The `guanxi` command line: subcommands are thin calls into the same services as the API.</summary>
public static class CommandLine
{
    private static readonly HashSet<string> Subcommands = new(StringComparer.Ordinal)
    {
        "import", "export", "demo", "rfm", "clv", "models", "playbooks", "tasks", "users", "teams", "tokens", "migrate", "sla", "sales",
    };

    private static readonly HashSet<string> HelpOptions = new(StringComparer.Ordinal) { "--help", "-h", "-?", "--version" };

    /// <summary>
    /// No subcommand (or `serve`, or only host options such as --urls) means: run the server; with --help anywhere it
    /// is the command line's help (`guanxi serve --help` lists the server's options instead of starting it).
    /// </summary>
    public static bool IsServe(string[] args) =>
        !args.Any(HelpOptions.Contains)
        && (args.Length == 0
            || args[0] == "serve"
            || (args[0].StartsWith('-') && !args.Any(Subcommands.Contains)));

    /// <summary>Translates the CLI's --db and --no-demo into ASP.NET configuration keys; passes everything else on.</summary>
    public static string[] ServerArgs(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (i == 0 && a == "serve") continue;
            if (a == "--db" && i + 1 < args.Length) result.Add("--ConnectionStrings:Guanxi=" + args[++i]);
            else if (a.StartsWith("--db=", StringComparison.Ordinal)) result.Add("--ConnectionStrings:Guanxi=" + a[5..]);
            else if (a == "--no-demo") result.Add("--Demo:Enabled=false");
            else result.Add(a);
        }
        return [.. result];
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Guanxi (关系): a CRM that knows its customers. Without a subcommand it serves the web app and REST API.");
        var serve = new Command("serve", "Serve the web app and REST API (the default). Logs warnings only; more with e.g. "
            + "--Logging:LogLevel:Default=Information, the SQL with --Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information.");
        serve.Options.Add(new Option<string>("--urls") { Description = "Addresses to listen on (default http://localhost:5000), e.g. --urls http://localhost:5001" });
        serve.Options.Add(new Option<bool>("--no-demo") { Description = "Do not load demo data into an empty database." });
        serve.Options.Add(CliOptions.Db);
        root.Subcommands.Add(serve);
        foreach (var command in CliCommands.All()) root.Subcommands.Add(command);
        // `guanxi --urls URL --help`: the server's help, as `guanxi serve --urls URL --help`.
        if (args.Length > 0 && args[0].StartsWith('-') && !HelpOptions.Contains(args[0]) && !args.Any(Subcommands.Contains)) args = ["serve", .. args];
        var parse = root.Parse(args);
        try
        {
            // Our own handler, so a command that gave up waiting for a schema upgrade ends with one clear line.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (MigrationLockTimeoutException e)
        {
            return await GaveUpWaitingAsync(e);
        }
        catch (OperationCanceledException)
        {
            return 1;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            return await BadConfigurationAsync(e);
        }
        catch (Exception e)
        {
            // As System.CommandLine's default handler does.
            await Console.Error.WriteLineAsync($"Unhandled exception: {e}");
            return 1;
        }
    }

    /// <summary>A setting that fails its check at start (e.g. Currency:Base): one line per failure and exit code 78 (EX_CONFIG).</summary>
    public static async Task<int> BadConfigurationAsync(Microsoft.Extensions.Options.OptionsValidationException e)
    {
        foreach (var failure in e.Failures)
        {
            await Console.Error.WriteLineAsync($"guanxi: {failure}");
        }

        return 78;
    }

    /// <summary>One clear line and exit code 75 when a command or the server gave up waiting for a schema upgrade.</summary>
    public static async Task<int> GaveUpWaitingAsync(MigrationLockTimeoutException e)
    {
        await Console.Error.WriteLineAsync($"guanxi: {e.Message}");
        return MigrationLockTimeoutException.ExitCode;
    }
}

internal static class CliOptions
{
    /// <summary>Reads a day option given as YYYY-MM-DD; false (and a message on stderr) when it is given but no such day.</summary>
    public static bool TryDay(ParseResult parse, Option<string?> option, out DateOnly? day)
    {
        day = null;
        if (parse.GetValue(option) is not { } text) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        Console.Error.WriteLine($"{option.Name}: '{text}' is not a date in the form YYYY-MM-DD.");
        return false;
    }

    public static Option<string?> Db => new("--db")
    {
        Description = "SQLite file path or PostgreSQL connection string (default: ConnectionStrings:Guanxi, GUANXI_DB, ./guanxi-data/guanxi.db).",
    };
}
