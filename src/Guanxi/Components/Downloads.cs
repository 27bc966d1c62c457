using Guanxi.Data.Security;
using Guanxi.Security;
using System.Collections.Concurrent;

namespace Guanxi.Components;

/// <summary>
/// Files a page prepared for one user (an export, an import's rejects), handed out by an unguessable
/// token: the interactive page registers the file and sends the browser to <c>/downloads/{token}</c>.
/// Tokens expire after an hour; the files are temporary and deleted then. A file is bound to the user whose page
/// registered it and to the browser session it was signed in with (<see cref="BrowserSession"/>): a link that leaks
/// (browser history, a shared screen, a proxy log) gives nobody else the file, not even the same user elsewhere.
/// </summary>
public sealed class Downloads(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);

    /// <summary>Registers a file for the user and session the page acts for (the ambient <see cref="CurrentUser"/> and <see cref="BrowserSession"/>).</summary>
    public string Register(string path, string fileName, string contentType)
    {
        Sweep();
        var owner = CurrentUser.Scope?.UserId ?? -1;
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        _files[token] = new Entry(path, fileName, contentType, time.GetUtcNow() + Lifetime, owner, BrowserSession.Id);
        return token;
    }

    public static string UrlOf(string token) => "/downloads/" + token;

    /// <summary>The file behind <paramref name="token"/> if it is still there and this user in this session registered it.</summary>
    internal bool TryGet(string token, long userId, string? session, out Entry entry) =>
        _files.TryGetValue(token, out entry!) && userId > 0 && entry.OwnerId == userId
        && session is not null && string.Equals(entry.Session, session, StringComparison.Ordinal)
        && entry.Expires > time.GetUtcNow() && File.Exists(entry.Path);

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (token, entry) in _files)
        {
            if (entry.Expires > now || !_files.TryRemove(token, out _)) continue;
            try
            {
                File.Delete(entry.Path);
            }
            catch (IOException)
            {
                // Still being read; the OS temp cleaner gets it later.
            }
        }
    }

    internal sealed record Entry(string Path, string FileName, string ContentType, DateTimeOffset Expires, long OwnerId, string? Session);
}

public static class DownloadsApi
{
    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        // Another user, or the same user signed in elsewhere, gets the same 404 as a token that never existed.
        app.MapGet("/downloads/{token}", (string token, HttpContext http, Downloads downloads) =>
            downloads.TryGet(token, CurrentUser.Scope?.UserId ?? -1, BrowserSession.Of(http.User), out var e)
                ? Results.File(new FileStream(e.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete), e.ContentType, e.FileName)
                : Results.NotFound()).ExcludeFromDescription().Requires(Right.ViewCustomers);
        return app;
    }
}
