using Guanxi.Audit;
using Guanxi.Components;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Security;

/// <summary>The audit page's reading of stored snapshots: words, names, user-facing fields only, masks kept.</summary>
[ClockIndependent] // stored JSON in, words out: no dates are read
public class AuditReadingTests
{
    private const string Before =
        """{"Id":7,"Version":3,"UpdatedAt":"2026-01-02T03:04:05Z","NamePinyin":"huawei","PhoneDigits":"13812345678","Name":"华为","City":"上海","Kind":0,"OwnerId":5,"Phone":"13812345678"}""";

    private const string After =
        """{"Id":7,"Version":4,"UpdatedAt":"2026-01-03T03:04:05Z","NamePinyin":"huawei","PhoneDigits":"13900001111","Name":"华为","City":"北京","Kind":1,"OwnerId":6,"Phone":"13900001111"}""";

    private static string? Owner(long id) => id switch { 5 => "王销售", 6 => "李经理", _ => null };

    [Fact]
    public void An_update_shows_only_changed_user_facing_fields_in_words()
    {
        var changes = AuditReading.Changes(Before, After, AdminTexts.Zh, masked: false, Owner);

        var fields = changes.Select(c => c.Field).ToList();
        Assert.Equal(["城市", "类型", "负责人", "电话"], fields);
        Assert.Contains(changes, c => c is { Field: "城市", Before: "上海", After: "北京" });
        Assert.Contains(changes, c => c is { Field: "类型", Before: "个人", After: "企业" });
        Assert.Contains(changes, c => c is { Field: "负责人", Before: "王销售", After: "李经理" });
        Assert.Contains(changes, c => c is { Field: "电话", Before: "13812345678", After: "13900001111" });
        Assert.DoesNotContain(changes, c => c.Field is "Version" or "UpdatedAt" or "NamePinyin" or "PhoneDigits" or "Id");
    }

    [Fact]
    public void Coded_values_read_in_the_viewers_language()
    {
        var english = AuditReading.Changes(Before, After, AdminTexts.En, masked: false, Owner);
        Assert.Contains(english, c => c is { Field: "City" } && c.Before == "上海");
        Assert.Contains(english, c => c.Field == "Owner" && c.After == "李经理");
        Assert.Contains(english, c => c is { Field: "Type", Before: "Person", After: "Organisation" });
    }

    [Fact]
    public void Personal_values_stay_masked_for_a_viewer_who_may_not_see_them()
    {
        var changes = AuditReading.Changes(Before, After, AdminTexts.Zh, masked: true, Owner);

        var phone = Assert.Single(changes, c => c.Field == "电话");
        Assert.Equal("138****5678", phone.Before);
        Assert.Equal("139****1111", phone.After);
    }

    [Fact]
    public void An_import_shows_the_users_file_name_and_counts_and_skips_empty_values()
    {
        var changes = AuditReading.Changes(null, """{"file":"客户名单.xlsx","Imported":12,"Updated":0,"Rejected":1,"resumed":false,"Notes":null}""",
            AdminTexts.Zh, masked: false, Owner);

        Assert.Contains(changes, c => c is { Field: "文件", After: "客户名单.xlsx" });
        Assert.Contains(changes, c => c is { Field: "新增", After: "12" });
        Assert.Contains(changes, c => c is { Field: "续传", After: "否" });
        Assert.DoesNotContain(changes, c => c.Field == "备注");
    }

    [Fact]
    public void Actions_and_records_have_words_in_both_languages()
    {
        string[] actions =
        [
            "create", "update", "delete", "signin", "signin-failed", "signout", "role-change", "user-lock", "user-unlock",
            "token-create", "token-revoke", "two-factor-enable", "reveal", "export", "import", "merge", "personal-data-export", "erase",
        ];
        foreach (var a in actions)
        {
            Assert.NotEqual(a, AdminTexts.Zh.AuditAction(a));
            Assert.NotEqual(a, AdminTexts.En.AuditAction(a));
        }
        Assert.Equal("客户", AdminTexts.Zh.AuditEntity("Customer"));
        Assert.Equal("用户", AdminTexts.Zh.AuditEntity("GuanxiUser"));
    }
}
