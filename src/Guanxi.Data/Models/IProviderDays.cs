using System.Data.Common;

namespace Guanxi.Data.Models;

/// <summary>
/// Days in raw SQL on each database: SQLite stores EF Core's ISO text ("yyyy-MM-dd[ HH:mm:ss…]"), PostgreSQL real
/// dates and timestamps. The bulk readers have their own byte-level decoders; this serves the ADO.NET paths
/// (interactions, a single customer, the orders of a few customers).
/// </summary>
public interface IProviderDays
{
    /// <summary>A day as a query parameter compared with a date or date-time column.</summary>
    object Parameter(DateOnly day);

    /// <summary>The calendar day of a date or date-time column.</summary>
    DateOnly Read(DbDataReader reader, int column);
}
