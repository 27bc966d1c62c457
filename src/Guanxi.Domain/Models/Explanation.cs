using System.Globalization;

namespace Guanxi.Domain.Models;

/// <summary>One customer being explained: the inputs of <see cref="ModelExplanations.Explain"/> and text helpers.</summary>
internal sealed class Explanation(
    CustomerMetrics metrics, int index, CustomerModelRow row, ModelRunParameters parameters, ModelSettings settings, bool chinese)
{
    public CustomerMetrics M { get; } = metrics;
    public int I { get; } = index;
    public CustomerModelRow Row { get; } = row;
    public ModelRunParameters P { get; } = parameters;
    public ModelSettings S { get; } = settings;
    public bool Chinese { get; } = chinese;

    public string Say(FormattableString zh, FormattableString en) =>
        Chinese ? zh.ToString(CultureInfo.InvariantCulture) : en.ToString(CultureInfo.InvariantCulture);

    /// <summary>The display name of a class of a built-in model.</summary>
    public string ClassName(ModelDefinition model, string? key)
    {
        if (key is null)
        {
            return Chinese ? "不适用" : "not applicable";
        }

        int c = model.IndexOf(key);
        return c < 0 ? key : Chinese ? model.Classes[c].NameZh : model.Classes[c].NameEn;
    }

    /// <summary>¥ with thousands separators; whole yuan from ¥1,000 up, otherwise up to two decimals.</summary>
    public static string Yuan(long cents) => Yuan(cents / 100.0);

    public static string Yuan(double yuan)
    {
        if (double.IsNaN(yuan))
        {
            return "¥—";
        }

        string text = Math.Abs(yuan) >= 1000 || yuan == Math.Round(yuan)
            ? yuan.ToString("N0", CultureInfo.InvariantCulture)
            : yuan.ToString("N2", CultureInfo.InvariantCulture);
        return "¥" + text;
    }

    public static string Yuan(decimal yuan) => Yuan((double)yuan);

    public static string Number(double value, int decimals) =>
        double.IsNaN(value) ? "—" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Percent(double share) =>
        double.IsNaN(share) ? "—" : (share * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    public int Recency => M.RecencyDays(I);

    /// <summary>"今天" / "today", "昨天" / "yesterday", else "n天前" / "n days ago": nobody says "0 days ago".</summary>
    public string Ago(int days) => days switch
    {
        0 => Chinese ? "今天" : "today",
        1 => Chinese ? "昨天" : "yesterday",
        _ => Chinese ? days.ToString(CultureInfo.InvariantCulture) + "天前" : days.ToString(CultureInfo.InvariantCulture) + " days ago",
    };

    public double PAlive => Row.PAlive ?? double.NaN;

    public double Clv => Row.Clv ?? double.NaN;
}
