using System.Net;
using System.Net.Sockets;
using Guanxi.Cli;
using Guanxi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Guanxi.E2E;

/// <summary>
/// The real app on Kestrel (a free loopback port, a temporary SQLite file with the small demo data set)
/// and one headless Debian Chromium, shared by the browser tests.
/// </summary>
public sealed class GuanxiSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "guanxi-e2e-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private string? _signedIn;

    /// <summary>The admin the browser tests sign in as (every page but /signin needs a signed-in user).</summary>
    public const string UserName = "e2e";

    public const string Password = "E2e-password-1";

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Why the tests cannot run here (no Chromium outside CI), or null.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Screenshots land in artifacts/screenshots beside the test output (gitignored).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"{ChromiumPath} is missing; the browser tests must run in CI (apt-get install chromium fonts-noto-cjk).");
            SkipReason = $"{ChromiumPath} is not installed";
            return;
        }
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);
        BaseUrl = "http://127.0.0.1:" + FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app = await GuanxiServer.BuildAsync(CommandLine.ServerArgs(
            ["--urls", BaseUrl, "--db", Path.Combine(_folder, "guanxi.db"), "--Logging:LogLevel:Default=Warning",
             "--" + Clock.StartSetting + "=" + Testing.TestClock.StartText]));
        await _app.StartAsync();

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // scripts/test.sh runs every test project at once on small machines: give the page time.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
        _signedIn = await SignInAsync();
    }

    /// <summary>
    /// A service for a test's direct calls (setting up data, checking results), acting as the system as the CLI does:
    /// outside any request or circuit the server's services otherwise act for nobody. The ambient user set here stays
    /// for the rest of the calling test method.
    /// </summary>
    public T AsSystem<T>() where T : notnull
    {
        Data.Security.CurrentUser.Set(Data.Security.AccessScope.System);
        return Services.GetRequiredService<T>();
    }

    /// <summary>Creates the e2e admin and signs in once through the /signin form; every context reuses the cookie.</summary>
    private async Task<string> SignInAsync()
    {
        await Data.Security.CurrentUser.RunAsAsync(Data.Security.AccessScope.System,
            () => Services.GetRequiredService<Security.StaffDirectory>().AddUserAsync(UserName, Data.Security.Roles.Admin, null, Password));
        await using var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl });
        // The first page of a fresh server is slow on a busy machine (all test projects run at once): wait for it
        // generously; the wait ends as soon as the page is there.
        context.SetDefaultTimeout(180_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#userName", UserName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    /// <summary>
    /// Signs <paramref name="user"/> in through the /signin form in a fresh browser context of its own (language and
    /// width as given) and returns the page it lands on. Signing in on a busy machine (all test projects at once) can
    /// take longer than a step: the wait is for the condition, with the generous limit of the site's own sign-in; it
    /// ends as soon as the page is there. Later steps keep a 30 s budget.
    /// </summary>
    public async Task<IPage> SignInAsAsync(string user, string password, string? locale = null, int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = locale, AcceptDownloads = true, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin", new() { Timeout = 180_000 });
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { Timeout = 180_000 });
        return page;
    }

    /// <summary>A fresh browser context in one language (its Accept-Language), with downloads allowed.</summary>
    public async Task<IPage> OpenAsync(string path, string locale = "en-US", int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { StorageState = _signedIn, Locale = locale, AcceptDownloads = true, ViewportSize = new() { Width = width, Height = height }, BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await GoAsync(page, path);
        return page;
    }

    /// <summary>Navigates and waits until the Blazor circuit is live, so clicks reach the server.</summary>
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("#gx-interactive[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Gives the import wizard a file. The file input's script attaches just after the circuit starts, so a
    /// file set in that instant can go unnoticed: try again until the wizard shows the file. While the upload
    /// component re-renders, its old input and its new one can both be in the page for a moment (seen once on a
    /// leap day in CI): the file goes to every input there is, and only the live one answers.
    /// </summary>
    public static async Task UploadAsync(IPage page, string path)
    {
        var inputs = page.Locator("input[type=file]");
        for (var attempt = 0; ; attempt++)
        {
            await inputs.First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            foreach (var input in await inputs.AllAsync())
            {
                try
                {
                    // Setting the same file again fires no change event; empty the input first.
                    if (attempt > 0) await input.SetInputFilesAsync(Array.Empty<string>(), new() { Timeout = 5_000 });
                    await input.SetInputFilesAsync(path, new() { Timeout = 5_000 });
                }
                catch (PlaywrightException) when (attempt < 3)
                {
                    // That input left the page between the count and the set; the next attempt counts again.
                }
            }
            try
            {
                await page.GetByTestId("import-file").WaitForAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Picks an entry of the open select or autocomplete list and waits until the list has closed, which it does once
    /// the server has taken the choice. Typing or saving before that can be undone by the choice's re-render (a body
    /// still in its debounce was cleared, an old assignee saved — both seen on a busy machine).
    /// </summary>
    public static async Task ChooseAsync(IPage page, string text, bool exact = true)
    {
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await items.GetByText(text, new() { Exact = exact }).ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Types into an autocomplete and picks the entry shown as <paramref name="shown"/>, until the box holds that
    /// entry. The typed text alone already matches the name, so success is the entry's full text in the box; on a busy
    /// machine a click while the list was still being replaced was lost once (the box then stayed open and empty).
    /// </summary>
    public static async Task PickAsync(IPage page, string testId, string typed, string shown)
    {
        var box = page.GetByTestId(testId);
        for (var attempt = 0; ; attempt++)
        {
            await box.FillAsync(typed);
            try
            {
                await ChooseAsync(page, shown, exact: false);
                await Assertions.Expect(box).ToHaveValueAsync(shown, new() { Timeout = 8_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Types into the customer list's search box until the list shows <paramref name="expectedRows"/> rows. On a
    /// busy machine the one input event of a fill can reach the page before its debounce is wired and be lost;
    /// typing again is what a person would do. The caller still asserts the rows themselves.
    /// </summary>
    public static async Task SearchCustomersAsync(IPage page, string text, int expectedRows)
    {
        var box = page.GetByTestId("customer-search");
        var rows = page.GetByTestId("customer-table").Locator("tbody tr");
        for (var attempt = 0; ; attempt++)
        {
            await box.FillAsync("");
            await box.FillAsync(text);
            try
            {
                await Assertions.Expect(rows).ToHaveCountAsync(expectedRows, new() { Timeout = 8_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        // Let MudBlazor's transitions settle so the picture shows the page, not an animation.
        await page.WaitForTimeoutAsync(300);
        // The app bar is fixed: from the top, a full-page picture shows it once, where it belongs.
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the temp folder is cleaned by the OS.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<GuanxiSite>
{
    public const string Name = "site";
}
