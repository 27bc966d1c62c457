using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Guanxi.Hosting;

/// <summary>
/// The addresses the server will listen on, checked before anything else happens: a port another program holds
/// is one line on stderr, not a migrated database, a seeded admin and then a stack trace from Kestrel.
/// </summary>
public static class ListenAddresses
{
    public const string Default = "http://localhost:5000";

    /// <summary>EX_UNAVAILABLE of sysexits.h: the address is not available.</summary>
    public const int PortInUseExitCode = 69;

    /// <summary>The configured addresses as Kestrel reads them: <c>urls</c> (--urls, ASPNETCORE_URLS), else <c>http_ports</c>, else the default.</summary>
    public static IReadOnlyList<string> From(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (configuration["http_ports"] is { Length: > 0 } ports)
            return [.. ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => "http://*:" + p)];
        return [Default];
    }

    /// <summary>The first address whose port another program already listens on, or null when all are free.</summary>
    public static string? FirstTaken(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            // Kestrel's forms: http://host:port, http://*:port, http://+:port; port 0 picks a free one.
            var text = address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Port <= 0) continue;
            if (Endpoints(uri).Any(ip => Taken(ip, uri.Port))) return address;
        }
        return null;
    }

    /// <summary>Only Kestrel listens on ports; the test host's in-memory server has none to check.</summary>
    public static bool ListensOnPorts(IServiceProvider services) =>
        services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().FullName?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true;

    /// <summary>The one line for a taken port, with the way out.</summary>
    public static string TakenMessage(string address)
    {
        var other = Uri.TryCreate(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.Host}:{(uri.Port + 1).ToString(CultureInfo.InvariantCulture)}"
            : "http://localhost:5001";
        return $"guanxi: {address} is already in use by another program; choose another address with --urls {other}";
    }

    /// <summary>True when starting the server failed because its address was taken (after the check, by a race).</summary>
    public static bool IsAddressInUse(Exception e) =>
        e is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } or Microsoft.AspNetCore.Connections.AddressInUseException;

    private static IEnumerable<IPAddress> Endpoints(Uri uri)
    {
        if (uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
        {
            // localhost: Kestrel binds IPv4 and IPv6 loopback; IPv4 is the one every machine has.
            yield return IPAddress.Loopback;
            yield break;
        }
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip))
        {
            yield return ip;
            yield break;
        }
        // Any other host name: Kestrel listens on every interface.
        yield return IPAddress.Any;
    }

    private static bool Taken(IPAddress ip, int port)
    {
        try
        {
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(ip, port));
            socket.Listen();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not ours to judge (no such interface, no permission): Kestrel reports it as it does.
            return false;
        }
    }
}

/// <summary>The server's address is taken: <see cref="ListenAddresses.TakenMessage"/> says which and what to do.</summary>
public sealed class PortInUseException(string address) : Exception(ListenAddresses.TakenMessage(address));
