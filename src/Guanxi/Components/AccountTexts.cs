using System.Globalization;

namespace Guanxi.Components;

/// <summary>The account page's and the admin's password-reset texts, once per language (like <see cref="TaskTexts"/>).</summary>
public sealed class AccountTexts
{
    public static AccountTexts Current => UiCulture.IsChinese(CultureInfo.CurrentUICulture) ? Zh : En;

    public required string MyAccount { get; init; }
    public required string SignedInAs { get; init; }
    public required string Password { get; init; }
    public required string CurrentPassword { get; init; }
    public required string NewPassword { get; init; }
    public required string ConfirmPassword { get; init; }
    public required string PasswordHelp { get; init; }
    public required string ChangePassword { get; init; }
    public required string PasswordsDiffer { get; init; }
    public required string PasswordChanged { get; init; }
    public required string TwoFactor { get; init; }
    public required string TwoFactorOn { get; init; }
    public required string TwoFactorOff { get; init; }
    public required string SetUpTwoFactor { get; init; }
    public required string NewAuthenticatorKey { get; init; }
    public required string TwoFactorSteps { get; init; }
    public required string Key { get; init; }
    public required string Code { get; init; }
    public required string TurnOn { get; init; }
    public required string WrongCode { get; init; }
    public required string TwoFactorEnabled { get; init; }
    public required string Tokens { get; init; }
    public required string TokensHelp { get; init; }
    public required string NoTokens { get; init; }
    public required string Name { get; init; }
    public required string TokenName { get; init; }
    public required string ExpiresDays { get; init; }
    public required string ExpiresDaysHelp { get; init; }
    public required string CreateToken { get; init; }
    public required string TokenShownOnce { get; init; }
    public required string Created { get; init; }
    public required string Expires { get; init; }
    public required string Never { get; init; }
    public required string Active { get; init; }
    public required string Revoked { get; init; }
    public required string Expired { get; init; }
    public required string Revoke { get; init; }
    public required string TokenRevoked { get; init; }
    public required string ResetPassword { get; init; }
    public required Func<string, string> ResetPasswordOf { get; init; }
    public required string ResetPasswordHelp { get; init; }
    public required string Reset { get; init; }
    public required string Cancel { get; init; }
    public required Func<string, string> NewPasswordOf { get; init; }
    public required Func<string, string> PasswordSetFor { get; init; }
    public required IReadOnlyDictionary<string, string> Messages { get; init; }

    /// <summary>A service's English field message in this language (the service's words when there is no translation).</summary>
    public string Translate(string message) => Messages.TryGetValue(message, out var text) ? text : Texts.Current.Translate(message);

    public static readonly AccountTexts En = new()
    {
        MyAccount = "My account",
        SignedInAs = "Signed in as",
        Password = "Password",
        CurrentPassword = "Current password",
        NewPassword = "New password",
        ConfirmPassword = "New password again",
        PasswordHelp = "At least 8 characters. Changing it signs you out everywhere, here too; API tokens keep working.",
        ChangePassword = "Change password",
        PasswordsDiffer = "The two new passwords differ.",
        PasswordChanged = "Your password was changed. Sign in with the new one.",
        TwoFactor = "Two-factor sign-in",
        TwoFactorOn = "On: signing in asks for a code from your authenticator app.",
        TwoFactorOff = "Off: signing in asks for your password only.",
        SetUpTwoFactor = "Set up two-factor sign-in",
        NewAuthenticatorKey = "Use a new authenticator",
        TwoFactorSteps = "Add this key to an authenticator app (any TOTP app), then type the 6-digit code it shows.",
        Key = "Key",
        Code = "Code",
        TurnOn = "Turn on",
        WrongCode = "The code does not match; check the key and the phone's clock.",
        TwoFactorEnabled = "Two-factor sign-in is on.",
        Tokens = "Personal API tokens",
        TokensHelp = "For scripts and integrations: send Authorization: Bearer TOKEN. A token acts as you, with your rights.",
        NoTokens = "No tokens yet.",
        Name = "Name",
        TokenName = "Name (e.g. the script using it)",
        ExpiresDays = "Expires after days",
        ExpiresDaysHelp = "Empty: never",
        CreateToken = "Create token",
        TokenShownOnce = "Copy the token now; it is shown only this once:",
        Created = "Created",
        Expires = "Expires",
        Never = "never",
        Active = "active",
        Revoked = "revoked",
        Expired = "expired",
        Revoke = "Revoke",
        TokenRevoked = "Token revoked.",
        ResetPassword = "Reset password",
        ResetPasswordOf = name => $"Reset the password of {name}",
        ResetPasswordHelp = "Leave empty for a random password, shown once. The user's browser sessions end.",
        Reset = "Reset",
        Cancel = "Cancel",
        NewPasswordOf = name => $"New password of {name} (shown only now):",
        PasswordSetFor = name => $"The password of {name} was set.",
        Messages = new Dictionary<string, string>(StringComparer.Ordinal),
    };

    public static readonly AccountTexts Zh = new()
    {
        MyAccount = "我的账户",
        SignedInAs = "当前用户",
        Password = "密码",
        CurrentPassword = "当前密码",
        NewPassword = "新密码",
        ConfirmPassword = "再次输入新密码",
        PasswordHelp = "至少 8 个字符。修改后所有登录（包括本页）都需重新登录；API 令牌仍然有效。",
        ChangePassword = "修改密码",
        PasswordsDiffer = "两次输入的新密码不一致。",
        PasswordChanged = "密码已修改，请用新密码登录。",
        TwoFactor = "两步验证",
        TwoFactorOn = "已开启：登录时需输入身份验证器应用中的验证码。",
        TwoFactorOff = "未开启：登录时只需密码。",
        SetUpTwoFactor = "设置两步验证",
        NewAuthenticatorKey = "更换身份验证器",
        TwoFactorSteps = "将此密钥添加到身份验证器应用（任何 TOTP 应用），然后输入它显示的 6 位验证码。",
        Key = "密钥",
        Code = "验证码",
        TurnOn = "开启",
        WrongCode = "验证码不匹配，请检查密钥和手机时间。",
        TwoFactorEnabled = "两步验证已开启。",
        Tokens = "个人 API 令牌",
        TokensHelp = "供脚本和集成使用：发送 Authorization: Bearer 令牌。令牌以你的身份和权限操作。",
        NoTokens = "暂无令牌。",
        Name = "名称",
        TokenName = "名称（如使用它的脚本）",
        ExpiresDays = "有效天数",
        ExpiresDaysHelp = "留空：永不过期",
        CreateToken = "创建令牌",
        TokenShownOnce = "请立即复制令牌，它只显示这一次：",
        Created = "创建时间",
        Expires = "过期时间",
        Never = "永不",
        Active = "有效",
        Revoked = "已吊销",
        Expired = "已过期",
        Revoke = "吊销",
        TokenRevoked = "令牌已吊销。",
        ResetPassword = "重置密码",
        ResetPasswordOf = name => $"重置 {name} 的密码",
        ResetPasswordHelp = "留空则生成随机密码，只显示一次。该用户的浏览器登录将全部结束。",
        Reset = "重置",
        Cancel = "取消",
        NewPasswordOf = name => $"{name} 的新密码（只显示这一次）：",
        PasswordSetFor = name => $"{name} 的密码已设置。",
        Messages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["The current password is not right."] = "当前密码不正确。",
            ["A password has at least 8 characters."] = "密码至少 8 个字符。",
            ["A password has at most 128 characters."] = "密码最多 128 个字符。",
            ["The new password is the current one."] = "新密码与当前密码相同。",
            ["A token name is 1 to 100 characters."] = "令牌名称为 1 到 100 个字符。",
            ["Expiry is 1 to 3650 days."] = "有效天数为 1 到 3650。",
        },
    };
}
