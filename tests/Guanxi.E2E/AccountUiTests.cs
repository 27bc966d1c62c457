using Guanxi.Data.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Guanxi.E2E;

/// <summary>Issue 18: a user's own account page, and an admin's password reset, as people use them.</summary>
[Collection(SiteCollection.Name)]
[Trait("Clock", "Independent")] // tokens and passwords: no dates; scripts/test.sh runs it on the first day only
public sealed class AccountUiTests(GuanxiSite site)
{
    [BrowserFact]
    public async Task A_user_creates_and_revokes_a_token_changes_their_password_on_the_account_page_and_signs_in_with_the_new_one()
    {
        var name = "rep" + Guid.NewGuid().ToString("N")[..6];
        await site.AsSystem<Security.StaffDirectory>().AddUserAsync(name, Roles.SalesRep, null, "Old-password-1");
        await using var context = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl, Locale = "zh-CN" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, name, "Old-password-1");
        await GuanxiSite.WaitInteractiveAsync(page);
        await page.GetByTestId("signed-in-user").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/account", StringComparison.Ordinal));
        await GuanxiSite.WaitInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的账户" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToHaveCountAsync(1);

        // A personal token: shown once, listed, revoked.
        await page.GetByTestId("token-name").FillAsync("报表脚本");
        await page.GetByTestId("token-create").ClickAsync();
        await Expect(page.GetByTestId("new-token")).ToContainTextAsync("gx_");
        var token = page.Locator("[data-testid=token-row][data-token=\"报表脚本\"]");
        await Expect(token).ToContainTextAsync("有效");
        await token.GetByRole(AriaRole.Button, new() { Name = "吊销" }).ClickAsync();
        await Expect(token).ToContainTextAsync("已吊销");

        // The current password must be right; then the new one is the only one.
        await page.GetByTestId("current-password").FillAsync("not-my-password");
        await page.GetByTestId("new-password").FillAsync("New-password-2");
        await page.GetByTestId("confirm-password").FillAsync("New-password-2");
        await page.GetByTestId("change-password").ClickAsync();
        await Expect(page.GetByText("当前密码不正确。")).ToBeVisibleAsync();
        await GuanxiSite.ScreenshotAsync(page, "account-zh");
        await page.GetByTestId("current-password").FillAsync("Old-password-1");
        await page.GetByTestId("change-password").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/signin?changed=1", StringComparison.Ordinal));
        await Expect(page.GetByTestId("signin-notice")).ToContainTextAsync("密码已修改");

        await page.FillAsync("#userName", name);
        await page.FillAsync("#password", "Old-password-1");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByTestId("signin-error")).ToBeVisibleAsync();
        await SignInAsync(page, name, "New-password-2");
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(name);

        // Two-factor sign-in from the same page: a key to add to an app, then one good code turns it on.
        await GuanxiSite.GoAsync(page, "/account");
        await page.GetByTestId("two-factor-setup").ClickAsync();
        var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByTestId("two-factor-code").FillAsync("000000");
        await page.GetByTestId("two-factor-enable").ClickAsync();
        await Expect(page.GetByText("验证码不匹配")).ToBeVisibleAsync();
        var step = site.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds() / 30;
        var code = Security.AuthenticatorCodes.Code(Security.AuthenticatorCodes.Base32Decode(key), step).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByTestId("two-factor-code").FillAsync(code);
        await page.GetByTestId("two-factor-enable").ClickAsync();
        await Expect(page.GetByTestId("two-factor-state")).ToContainTextAsync("已开启");
        // Setting it up did not end this session.
        await GuanxiSite.GoAsync(page, "/account");
        await Expect(page.GetByTestId("two-factor-state")).ToContainTextAsync("已开启");
    }

    [BrowserFact]
    public async Task An_admin_resets_a_users_password_which_ends_their_session_and_the_new_one_signs_in()
    {
        var name = "agent" + Guid.NewGuid().ToString("N")[..6];
        await site.AsSystem<Security.StaffDirectory>().AddUserAsync(name, Roles.ServiceAgent, null, "Agent-password-1");
        await using var userContext = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl });
        userContext.SetDefaultTimeout(15_000);
        var user = await userContext.NewPageAsync();
        await SignInAsync(user, name, "Agent-password-1");

        var admin = await site.OpenAsync("/admin/users");
        var row = admin.Locator($"[data-testid=user-row][data-user={name}]");
        await row.GetByLabel("Reset password " + name).ClickAsync();
        var panel = admin.GetByTestId("reset-password-panel");
        await Expect(panel).ToContainTextAsync(name);
        await panel.GetByTestId("reset-password-confirm").ClickAsync();
        var shown = admin.GetByTestId("reset-password-result");
        await Expect(shown).ToBeVisibleAsync();
        var password = (await shown.InnerTextAsync()).Trim();
        Assert.True(password.Length >= 16, password);
        await GuanxiSite.ScreenshotAsync(admin, "reset-password-en");
        await admin.Context.CloseAsync();

        // The user's open session has ended: the next page asks them to sign in, where the new password works.
        await user.GotoAsync("/customers");
        Assert.Contains("/signin", user.Url, StringComparison.Ordinal);
        await SignInAsync(user, name, password);
        await Expect(user.GetByTestId("signed-in-user")).ToContainTextAsync(name);
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        if (!page.Url.Contains("/signin", StringComparison.Ordinal)) await page.GotoAsync("/signin");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
    }
}
