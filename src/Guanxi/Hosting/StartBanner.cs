using System.Text;

namespace Guanxi.Hosting;

/// <summary>
/// The few lines the server prints when it is ready (logging is quiet by default): where to open it, where the data
/// is, and on the very first start the admin's one-time password in a box, so it cannot be missed.
/// </summary>
public static class StartBanner
{
    public static string Format(IEnumerable<string> addresses, string database, string? adminPassword)
    {
        var first = addresses.FirstOrDefault() ?? ListenAddresses.Default;
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("Guanxi (关系) is running.");
        foreach (var address in addresses.DefaultIfEmpty(first)) text.AppendLine("  open:     " + address);
        text.AppendLine("  database: " + database);
        if (adminPassword is not null)
        {
            string[] lines =
            [
                "First start: created the user 'admin' with the password",
                "",
                "    " + adminPassword,
                "",
                "It is shown only this once. Sign in and change it at",
                first.TrimEnd('/') + "/account",
            ];
            var width = lines.Max(l => l.Length);
            var edge = "+" + new string('-', width + 2) + "+";
            text.AppendLine(edge);
            foreach (var line in lines) text.AppendLine("| " + line.PadRight(width) + " |");
            text.AppendLine(edge);
        }
        text.AppendLine("Stop with Ctrl+C. guanxi --help lists the commands and options.");
        return text.ToString();
    }
}
