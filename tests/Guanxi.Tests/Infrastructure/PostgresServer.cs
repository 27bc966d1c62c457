using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Guanxi.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the whole test run: initdb into a temporary folder and pg_ctl on a free
/// loopback port. initdb refuses to run as root, so as root the server runs as the `postgres` user.
/// A missing PostgreSQL fails the tests; it is never a reason to skip them.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);

    private readonly string _dataDir;
    private readonly string _binDir;
    private readonly bool _asPostgresUser;

    private PostgresServer(string dataDir, string binDir, int port, bool asPostgresUser)
    {
        _dataDir = dataDir;
        _binDir = binDir;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "guanxi",
            Database = database,
            Pooling = true,
            MaxPoolSize = 20,
        }.ToString();

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql. Install them: apt-get install -y postgresql");
        var asPostgres = Environment.UserName == "root";
        var dir = Path.Combine(Path.GetTempPath(), "guanxi-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var data = Path.Combine(dir, "data");
        if (asPostgres) await RunAsync("chown", ["-R", "postgres", dir], asUser: false);
        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "guanxi", "-E", "UTF8", "--locale=C", "--lc-ctype=C.UTF-8", "--no-sync"], asPostgres);
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(dir, "server.log"), "-w", "start"], asPostgres);
        var server = new PostgresServer(data, bin, port, asPostgres);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop()
    {
        try
        {
            var psi = Start(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "stop"], _asPostgresUser);
            using var p = Process.Start(psi);
            p?.WaitForExit(10_000);
            Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Best effort at exit; the folder is in /tmp.
        }
    }

    private static string? FindBinDir()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                var real = new FileInfo(Path.Combine(dir, "initdb")).ResolveLinkTarget(true)?.FullName;
                return real is null ? dir : Path.GetDirectoryName(real);
            }
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            return Directory.GetDirectories("/usr/lib/postgresql")
                .Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderDescending(StringComparer.Ordinal)
                .FirstOrDefault();
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo Start(string file, string[] args, bool asUser)
    {
        var psi = asUser ? new ProcessStartInfo("runuser") : new ProcessStartInfo(file);
        if (asUser)
        {
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add("postgres");
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(file);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = Path.GetTempPath();
        return psi;
    }

    private static async Task RunAsync(string file, string[] args, bool asUser)
    {
        using var p = Process.Start(Start(file, args, asUser)) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {await stdout}{await stderr}");
    }
}
