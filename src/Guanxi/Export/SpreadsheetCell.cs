namespace Guanxi.Export;

/// <summary>
/// Neutralises text that a spreadsheet would run as a formula (CSV/formula injection): a cell starting with
/// =, +, -, @, tab or carriage return gets a leading apostrophe, which Excel and LibreOffice show as text.
/// </summary>
public static class SpreadsheetCell
{
    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    /// <summary>Undoes <see cref="Safe"/> on re-import, so an exported file round-trips.</summary>
    public static string Unsafe(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
