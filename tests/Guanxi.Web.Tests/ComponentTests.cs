using System.Globalization;
using Guanxi.Components.Pages;
using Guanxi.Components.Pages.Import;
using Guanxi.Components.Pages.Models;
using Guanxi.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Guanxi.Web.Tests;

public sealed class ComponentTests
{
    private static readonly ColumnChooser.Column[] Columns = [new("code", "Code"), new("name", "Name", Fixed: true), new("city", "City")];

    // MudBlazor's services dispose asynchronously only, so each test disposes its context with await using.
    private static BunitContext NewContext(string? uri = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var context = new BunitContext();
        context.Services.AddMudServices();
        // The layout shows the signed-in user (AuthorizeView): no one is signed in here.
        context.AddAuthorization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        if (uri is not null) context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(uri);
        return context;
    }

    [Fact]
    public void Column_chooser_toggles_a_column_on_and_off()
    {
        var visible = new HashSet<string> { "code", "name" };
        var hidden = ColumnChooser.Toggled(Columns, visible, "code");
        Assert.Equal(["name"], hidden.Order());
        Assert.Equal(["city", "code", "name"], ColumnChooser.Toggled(Columns, hidden, "code").Concat(["city"]).Distinct().Order());
        Assert.Equal(["city", "name"], ColumnChooser.Toggled(Columns, hidden, "city").Order());
    }

    [Fact]
    public void Column_chooser_never_hides_the_fixed_column_or_the_last_one()
    {
        var onlyName = new HashSet<string> { "name" };
        Assert.Same(onlyName, ColumnChooser.Toggled(Columns, onlyName, "name"));
        var onlyCity = new HashSet<string> { "city" };
        Assert.Same(onlyCity, ColumnChooser.Toggled(Columns, onlyCity, "city"));
        Assert.Same(onlyCity, ColumnChooser.Toggled(Columns, onlyCity, "no-such-column"));
    }

    [Fact]
    public async Task Mapping_step_shows_each_header_with_what_it_imports_as()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<ColumnMapping>(p => p
            .Add(x => x.Headers, ["客户名称", "手机号", "备用"])
            .Add(x => x.Detected, new Dictionary<string, string> { ["客户名称"] = "name", ["手机号"] = "phone" })
            .Add(x => x.Columns, ["name", "phone", "email"]));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains("客户名称", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("name", cut.Instance.Effective("客户名称"));
        Assert.Equal(ColumnMapping.Ignore, cut.Instance.Effective("备用"));
    }

    [Fact]
    public async Task Mapping_a_header_to_a_taken_column_unmaps_the_other_header()
    {
        await using var ctx = NewContext();
        var cut = ctx.Render<ColumnMapping>(p => p
            .Add(x => x.Headers, ["客户名称", "联系人"])
            .Add(x => x.Detected, new Dictionary<string, string> { ["客户名称"] = "name" })
            .Add(x => x.Columns, ["name", "phone"]));

        var next = cut.Instance.With("联系人", "name");

        Assert.Equal("name", next["联系人"]);
        Assert.Equal(ColumnMapping.Ignore, next["客户名称"]);
    }

    [Fact]
    public async Task Mapping_back_to_what_was_detected_drops_the_override()
    {
        await using var ctx = NewContext();
        Dictionary<string, string>? changed = null;
        var cut = ctx.Render<ColumnMapping>(p => p
            .Add(x => x.Headers, ["电话"])
            .Add(x => x.Detected, new Dictionary<string, string> { ["电话"] = "phone" })
            .Add(x => x.Columns, ["name", "phone"])
            .Add(x => x.Overrides, new Dictionary<string, string> { ["电话"] = "name" })
            .Add(x => x.OverridesChanged, d => changed = d));

        Assert.Equal("name", cut.Instance.Effective("电话"));
        Assert.Empty(cut.Instance.With("电话", "phone"));
        Assert.Null(changed);
    }

    [Fact]
    public async Task A_page_that_fails_shows_the_friendly_message_in_the_layout()
    {
        await using var ctx = NewContext("/customers");
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        var cut = ctx.Render<Guanxi.Components.Layout.MainLayout>(p => p.Add(x => x.Body, b =>
        {
            b.OpenComponent<Thrower>(0);
            b.CloseComponent();
        }));

        var message = cut.Find("[data-testid=friendly-error]");
        Assert.Contains("Something went wrong", message.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("boom", cut.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("nav a[href='/customers']"));
    }

    [Fact]
    public async Task Sign_in_page_posts_a_plain_form_and_shows_the_error()
    {
        await using var ctx = NewContext("/signin?error=1&returnUrl=%2Fcustomers");
        var cut = ctx.Render<SignIn>();

        var form = cut.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/account/signin", form.GetAttribute("action"));
        Assert.NotNull(cut.Find("input[name=userName]"));
        Assert.Equal("password", cut.Find("input[name=password]").GetAttribute("type"));
        Assert.NotNull(cut.Find("input[name=code]"));
        Assert.Equal("/customers", cut.Find("input[name=returnUrl]").GetAttribute("value"));
        Assert.Contains("wrong", cut.Find("[data-testid=signin-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_page_says_when_the_account_is_locked_and_is_quiet_otherwise()
    {
        await using (var locked = NewContext("/signin?error=locked"))
            Assert.Contains("locked", locked.Render<SignIn>().Find("[role=alert]").TextContent, StringComparison.Ordinal);
        await using var plain = NewContext("/signin");
        Assert.Empty(plain.Render<SignIn>().FindAll("[role=alert]"));
    }

    [Fact]
    public async Task A_run_warning_is_shown_in_the_page_language_with_the_fit_s_own_words()
    {
        const string warning = "BG/NBD: nobody made a repeat purchase, so the purchase rate cannot be estimated. CLV are left empty.";
        await using var ctx = NewContext();
        var en = ctx.Render<RunWarning>(p => p.Add(x => x.Warning, warning));
        var alert = en.Find("[data-testid=run-warning]");
        Assert.Contains("lifetime-value fit of this run needs attention", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains(warning, alert.TextContent, StringComparison.Ordinal);

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var zh = ctx.Render<RunWarning>(p => p.Add(x => x.Warning, warning));
        Assert.Contains("需要注意", zh.Find("[data-testid=run-warning]").TextContent, StringComparison.Ordinal);

        // No warning, no alert.
        var none = ctx.Render<RunWarning>(p => p.Add(x => x.Warning, null));
        Assert.Empty(none.FindAll("[data-testid=run-warning]"));
    }

    [Fact]
    public async Task A_run_warning_about_orders_without_a_currency_rate_stands_apart_from_the_fit_s()
    {
        const string currency = "2 orders without a currency rate are left out of the money figures: USD 2025-11 (1), EUR 2025-11 (1) (set the rates under /admin/currencies).";
        const string fit = "BG/NBD: nobody made a repeat purchase, so the purchase rate cannot be estimated. CLV are left empty.";
        await using var ctx = NewContext();
        var both = ctx.Render<RunWarning>(p => p.Add(x => x.Warning, currency + " " + fit));
        Assert.Contains("left out of this run's money figures", both.Find("[data-testid=run-currency-warning]").TextContent, StringComparison.Ordinal);
        Assert.Contains("USD 2025-11 (1)", both.Find("[data-testid=run-currency-warning]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("BG/NBD", both.Find("[data-testid=run-currency-warning]").TextContent, StringComparison.Ordinal);
        Assert.Contains(fit, both.Find("[data-testid=run-warning]").TextContent, StringComparison.Ordinal);

        var alone = ctx.Render<RunWarning>(p => p.Add(x => x.Warning, currency));
        Assert.Single(alone.FindAll("[data-testid=run-currency-warning]"));
        Assert.Empty(alone.FindAll("[data-testid=run-warning]"));
    }
}
