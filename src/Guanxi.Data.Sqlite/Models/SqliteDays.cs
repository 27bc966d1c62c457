using System.Data.Common;
using Guanxi.Data.Models;

namespace Guanxi.Data.Sqlite.Models;

/// <summary>SQLite's days: ISO text, compared as text.</summary>
public sealed class SqliteDays : IProviderDays
{
    public object Parameter(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // The first ten characters of EF Core's "yyyy-MM-dd[ HH:mm:ss…]".
    public DateOnly Read(DbDataReader reader, int column) =>
        DateOnly.ParseExact(reader.GetString(column).AsSpan(0, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
