namespace Guanxi.E2E;

/// <summary>A browser test: skipped where Chromium is missing, except in CI (CI=true), where a missing browser is a failure.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(GuanxiSite.ChromiumPath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = $"{GuanxiSite.ChromiumPath} is not installed (set CI=true to make this a failure)";
    }
}
