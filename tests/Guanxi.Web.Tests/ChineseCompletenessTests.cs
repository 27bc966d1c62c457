using System.Reflection;
using System.Text.RegularExpressions;
using Guanxi.Components;

namespace Guanxi.Web.Tests;

/// <summary>
/// Everything the zh-CN UI shows is Chinese (issue 18, "Finish"): every value of every enum the texts name, every rule
/// error the services raise and every import rejection reason. New values, messages and reasons join by themselves
/// (read from the text classes by reflection and from the source), so a forgotten translation fails here.
/// </summary>
public sealed class ChineseCompletenessTests
{
    private static bool HasCjk(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>Every text class of the UI: a type with static <c>En</c> and <c>Zh</c> instances of itself.</summary>
    private static IEnumerable<(Type Type, object En, object Zh)> TextClasses() =>
        typeof(Texts).Assembly.GetTypes()
            .Select(t => (t, En: t.GetField("En", BindingFlags.Public | BindingFlags.Static), Zh: t.GetField("Zh", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.En?.FieldType == x.t && x.Zh?.FieldType == x.t)
            .Select(x => (x.t, x.En!.GetValue(null)!, x.Zh!.GetValue(null)!));

    /// <summary>The enum-naming members of a text class: <c>Func&lt;TEnum, string&gt;</c> properties and methods taking one enum.</summary>
    private static IEnumerable<(string Name, Type Enum, Func<object, object, string> Word)> EnumWords(Type type)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.PropertyType is { IsGenericType: true } f && f.GetGenericTypeDefinition() == typeof(Func<,>)
                && f.GetGenericArguments() is [{ IsEnum: true } e, var r] && r == typeof(string))
                yield return (p.Name, e, (texts, value) => (string)((Delegate)p.GetValue(texts)!).DynamicInvoke(value)!);
        }
        foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType.IsEnum: true } only])
                yield return (m.Name, only.ParameterType, (texts, value) => (string)m.Invoke(texts, [value])!);
        }
    }

    [Fact]
    public void Every_enum_value_the_UI_names_has_a_Chinese_and_an_English_word()
    {
        var failures = new List<string>();
        var checkedEnums = new HashSet<Type>();
        foreach (var (type, en, zh) in TextClasses())
        {
            foreach (var (name, enumType, word) in EnumWords(type))
            {
                checkedEnums.Add(enumType);
                foreach (var value in Enum.GetValues(enumType))
                {
                    var (english, chinese) = (word(en, value), word(zh, value));
                    if (!HasCjk(chinese)) failures.Add($"{type.Name}.{name}({enumType.Name}.{value}) in zh-CN: \"{chinese}\"");
                    if (string.IsNullOrWhiteSpace(english) || HasCjk(english)) failures.Add($"{type.Name}.{name}({enumType.Name}.{value}) in English: \"{english}\"");
                }
            }
        }
        // The scan reaches the statuses, channels, kinds, priorities and stages it is meant for.
        Assert.True(checkedEnums.Count >= 20, $"only {checkedEnums.Count} enums found");
        foreach (var expected in new[] { typeof(Domain.Customers.CustomerKind), typeof(Domain.Interactions.InteractionChannel), typeof(Domain.Service.ServiceStatus) })
            Assert.Contains(expected, checkedEnums);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Source(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Guanxi.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, relative);
    }

    // A C# string literal, plain or interpolated; a hole may hold quotes of its own ({string.Join(", ", x)}).
    private static readonly Regex Literal = new(@"\$?""((?:[^""{}\\]|\\.|\{[^{}]*\})*)""", RegexOptions.None, TimeSpan.FromSeconds(5));

    [Fact]
    public void Every_rule_error_has_a_Chinese_text()
    {
        // The plain messages of ValidationException.For and of the field-error lists, as written in the services.
        var message = new Regex(@"(?:ValidationException\.For\(""[^""]+"", |\b(?:errors|e)\.Add\(""?[A-Za-z.]+""?, )""([^""]+)""\)", RegexOptions.None, TimeSpan.FromSeconds(5));
        var messages = Directory.EnumerateFiles(Source("src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => message.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(messages.Count >= 150, $"only {messages.Count} messages found");
        var untranslated = messages.Where(m => !HasCjk(Texts.Zh.Translate(m))).ToList();
        Assert.True(untranslated.Count == 0, "no zh-CN text for:\n" + string.Join("\n", untranslated));
        // Messages with a variable part.
        Assert.Equal("请使用以下之一：Person, Organisation。", Texts.Zh.Translate("Use one of Person, Organisation."));
        Assert.Equal("最多 20 个视图；请先删除一个。", Texts.Zh.Translate("At most 20 views; delete one first."));
    }

    /// <summary>A reason template from the source with its holes filled as the import fills them.</summary>
    private static string Sample(string template) => Regex.Replace(template, @"\{([^{}]*)\}", m =>
    {
        var hole = m.Groups[1].Value;
        if (hole.Contains("Show(", StringComparison.Ordinal)) return "\"abc\"";
        if (hole == "column") return "phone";
        if (hole.StartsWith("FormHint", StringComparison.Ordinal)) return " (the file's dates are ISO; another form: --date-format)";
        if (Regex.Match(hole, @"\?\s*""([^""]*)""") is { Success: true } choice) return choice.Groups[1].Value;
        return "12";
    }, RegexOptions.None, TimeSpan.FromSeconds(5));

    [Fact]
    public void Every_import_rejection_reason_has_a_Chinese_text()
    {
        // Every reason the import writes has the form "column: what is wrong"; the files that write them are read for them.
        var reasons = Directory.EnumerateFiles(Source("src/Guanxi/Import"), "*.cs")
            .SelectMany(f => Literal.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(s => Regex.IsMatch(s, @"^(\{column\}|[a-z_]+): .+", RegexOptions.None, TimeSpan.FromSeconds(1)))
            .Select(Sample).Concat(["broken quoting: 12", "the row has 3 fields instead of 5", "invalid row"]).Distinct().ToList();
        Assert.True(reasons.Count >= 60, $"only {reasons.Count} reasons found");
        var english = new Regex(@"\b(is|not|the|of|a|an|in|for|has|than|repeats|no|empty|given|lines|cannot|before|characters|row|fields|order|quoting|valid|date|names)\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        // The values a column takes (in, out, internal) and the CLI's options (--date-format) are the file's and the CLI's words.
        static string Prose(string zh) => Regex.Replace(zh.Split("以下之一：")[0], @"--[a-z-]+", "", RegexOptions.None, TimeSpan.FromSeconds(1));
        var untranslated = reasons.Select(r => (r, zh: Texts.Zh.ImportReason(r))).Where(x => english.IsMatch(Prose(x.zh)) || !HasCjk(x.zh)).ToList();
        Assert.True(untranslated.Count == 0, "no zh-CN text for:\n" + string.Join("\n", untranslated.Select(x => $"{x.r} → {x.zh}")));
        Assert.Equal("电话 (phone)：\"abc\" 不是电话号码（至少需要 5 位数字）", Texts.Zh.ImportReason("phone: \"abc\" is not a phone number (needs at least 5 digits)"));
        Assert.Equal("phone: \"abc\" is not a phone number (needs at least 5 digits)", Texts.En.ImportReason("phone: \"abc\" is not a phone number (needs at least 5 digits)"));
    }

    [Fact]
    public void The_rejects_file_the_UI_offers_carries_the_reasons_in_Chinese_and_the_raw_rows_unchanged()
    {
        var source = Path.GetTempFileName();
        var target = source + ".zh-CN.csv";
        try
        {
            Import.RejectsFile.Write(source, [new Import.RejectedRow(3, "phone: \"12\" is not a phone number (needs at least 5 digits)", "张伟,12,\"多行\n备注\""), new Import.RejectedRow(7, "invalid row", "x")]);
            Import.RejectsFile.Localize(source, target, Texts.Zh.ImportReason);
            var text = File.ReadAllText(target);
            Assert.Equal(Import.RejectsFile.Header + "\n3,\"电话 (phone)：\"\"12\"\" 不是电话号码（至少需要 5 位数字）\",\"张伟,12,\"\"多行\n备注\"\"\"\n7,无效的行,x\n", text);
        }
        finally
        {
            File.Delete(source);
            File.Delete(target);
        }
    }
}
