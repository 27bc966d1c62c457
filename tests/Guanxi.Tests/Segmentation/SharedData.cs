namespace Guanxi.Tests.Segmentation;

internal static class SharedData
{
    /// <summary>The shared/ folder beside the repository (found by walking up from the test binaries).</summary>
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "bench")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No shared/ folder above " + AppContext.BaseDirectory);
    }
}
