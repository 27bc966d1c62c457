using System.Globalization;

namespace Guanxi.Common;

/// <summary>Dates, numbers and money as the reader's culture writes them, for pages, exports and features alike (not a page helper). Money is always yuan (¥), whatever the language.</summary>
public static class Formats
{
    public static string Money(decimal amount, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "¥";
        // Negative amounts as -¥1.00 in both languages (en-US would write ($1.00)).
        format.CurrencyNegativePattern = 1;
        return amount.ToString("C2", format);
    }

    /// <summary>An amount in its currency: yuan as <see cref="Money"/> writes it, another currency as its ISO code and the number (USD 1,200.00).</summary>
    public static string Amount(decimal amount, string currency, CultureInfo culture) =>
        string.Equals(currency, "CNY", StringComparison.Ordinal) ? Money(amount, culture) : currency + " " + amount.ToString("N2", culture);

    public static string Number(long value, CultureInfo culture) => value.ToString("N0", culture);

    public static string Date(DateTime value, CultureInfo culture) => value.ToString("d", culture);

    public static string Date(DateOnly value, CultureInfo culture) => value.ToString("d", culture);

    public static string DateTime(DateTime value, CultureInfo culture) => value.ToString("g", culture);

    public static string Bytes(long bytes, CultureInfo culture) => bytes switch
    {
        < 1024 => bytes.ToString("N0", culture) + " B",
        < 1024 * 1024 => (bytes / 1024d).ToString("N1", culture) + " KB",
        _ => (bytes / 1024d / 1024d).ToString("N1", culture) + " MB",
    };
}
