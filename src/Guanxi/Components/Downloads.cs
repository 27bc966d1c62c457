using Guanxi.Data.Security;
using Guanxi.Security;
using System.Collections.Concurrent;

namespace Guanxi.Components;

/// <summary>
/// Files a page prepared for one user (an export, an import's rejects), handed out by an unguessable
/// token: the interactive page registers the file and sends the browser to <c>/downloads/{token}</c>.
/// Tokens expire after an hour; the files are temporary and deleted then.
/// </summary>
public sealed class Downloads(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);

    public string Register(string path, string fileName, string contentType)
    {
        Sweep();
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        _files[token] = new Entry(path, fileName, contentType, time.GetUtcNow() + Lifetime);
        return token;
    }

    public static string UrlOf(string token) => "/downloads/" + token;

    internal bool TryGet(string token, out Entry entry) =>
        _files.TryGetValue(token, out entry!) && entry.Expires > time.GetUtcNow() && File.Exists(entry.Path);

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

    internal sealed record Entry(string Path, string FileName, string ContentType, DateTimeOffset Expires);
}

public static class DownloadsApi
{
    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/downloads/{token}", (string token, Downloads downloads) =>
            downloads.TryGet(token, out var e)
                ? Results.File(new FileStream(e.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete), e.ContentType, e.FileName)
                : Results.NotFound()).ExcludeFromDescription().Requires(Right.ViewCustomers);
        return app;
    }
}
