using System.Globalization;

namespace Guanxi.Components;

/// <summary>
/// Every text the UI shows, once per language. A typed class rather than .resx: a missing translation is a
/// compile error (every property is required), and a page reads <c>@T.Customers</c>.
/// </summary>
public sealed class Texts
{
    public static Texts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string Home { get; init; }
    public required string Customers { get; init; }
    public required string NewCustomer { get; init; }
    public required string Import { get; init; }
    public required string Settings { get; init; }
    public required string Menu { get; init; }
    public required string SwitchLanguage { get; init; }
    public required string SomethingWentWrong { get; init; }
    public required string TryAgain { get; init; }
    public required string NotFound { get; init; }
    public required string ChangedMeanwhile { get; init; }
    public required string PageNotFound { get; init; }
    public required string SignIn { get; init; }
    public required string UserName { get; init; }
    public required string Password { get; init; }
    public required string TotpCode { get; init; }
    public required string SignInFailed { get; init; }
    public required string SignInLocked { get; init; }

    /// <summary>Service messages (written in English, once, for API and CLI) as this language says them.</summary>
    public IReadOnlyDictionary<string, string> Messages { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string Translate(string message) => Messages.TryGetValue(message, out var text) ? text : message;

    public static readonly Texts En = new()
    {
        Home = "Home",
        Customers = "Customers",
        NewCustomer = "New customer",
        Import = "Import",
        Settings = "Settings",
        Menu = "Menu",
        SwitchLanguage = "Switch language",
        SomethingWentWrong = "Something went wrong. Your data is safe; please try again.",
        TryAgain = "Try again",
        NotFound = "This record no longer exists.",
        ChangedMeanwhile = "Someone else changed this record meanwhile. Reload and apply your change again.",
        PageNotFound = "This page does not exist.",
        SignIn = "Sign in",
        UserName = "User name",
        Password = "Password",
        TotpCode = "Authenticator code (if enabled)",
        SignInFailed = "The user name or password is wrong.",
        SignInLocked = "This account is locked for a while after too many failed attempts.",
    };

    public static readonly Texts Zh = new()
    {
        Home = "首页",
        Customers = "客户",
        NewCustomer = "新建客户",
        Import = "导入",
        Settings = "设置",
        Menu = "菜单",
        SwitchLanguage = "切换语言",
        SomethingWentWrong = "出了点问题。您的数据是安全的，请重试。",
        TryAgain = "重试",
        NotFound = "该记录已不存在。",
        ChangedMeanwhile = "其他人刚修改了此记录。请刷新后重新修改。",
        PageNotFound = "页面不存在。",
        SignIn = "登录",
        UserName = "用户名",
        Password = "密码",
        TotpCode = "验证器代码（如已启用）",
        SignInFailed = "用户名或密码错误。",
        SignInLocked = "登录失败次数过多，账户已暂时锁定。",
        Messages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["A customer needs a name."] = "客户需要名称。",
            ["A phone number needs at least 5 digits."] = "电话号码至少需要 5 位数字。",
            ["Not a valid email address."] = "不是有效的电子邮箱地址。",
            ["The date is not plausible."] = "日期不合理。",
            ["No such customer."] = "没有这个客户。",
            ["No such user."] = "没有这个用户。",
            ["No such group."] = "没有这个分组。",
            ["A customer cannot refer itself."] = "客户不能推荐自己。",
            ["A contact needs a name."] = "联系人需要姓名。",
            ["A group needs a name."] = "分组需要名称。",
            ["A group with this name exists."] = "已有同名分组。",
            ["A field needs a label."] = "字段需要显示名称。",
            ["A field with this key exists."] = "已有同键字段。",
            ["A key is 1 to 64 letters, digits or underscores, starting with a letter."] = "键由 1 到 64 个字母、数字或下划线组成，以字母开头。",
            ["A choice field needs at least one choice."] = "选项字段至少需要一个选项。",
            ["The type of a field that has values cannot change."] = "已有值的字段不能更改类型。",
            ["A subject is required."] = "需要填写主题。",
            ["A pattern is required, e.g. C-{yyyy}-{seq:6}."] = "需要编码规则，例如 C-{yyyy}-{seq:6}。",
            ["A customer cannot be merged into itself."] = "客户不能合并到自身。",
        },
    };
}
