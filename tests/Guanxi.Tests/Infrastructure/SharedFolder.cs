namespace Guanxi.Tests.Infrastructure;

/// <summary>
/// The read-only `shared/` folder that sits beside the repository (bench generator, CDNOW data):
/// found by walking up from the test binaries, so it works in any clone location.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        var env = Environment.GetEnvironmentVariable("GUANXI_SHARED_DIR");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "bench"))) return candidate;
        }
        return null;
    });

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root.Value ?? throw new DirectoryNotFoundException("No shared/ folder beside the repository (set GUANXI_SHARED_DIR)."), .. parts]);

    public static bool Exists => Root.Value is not null;
}
