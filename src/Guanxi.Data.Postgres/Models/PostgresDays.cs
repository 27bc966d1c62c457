using System.Data.Common;
using Guanxi.Data.Models;

namespace Guanxi.Data.Postgres.Models;

/// <summary>PostgreSQL's days: real dates and timestamps.</summary>
public sealed class PostgresDays : IProviderDays
{
    public object Parameter(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    public DateOnly Read(DbDataReader reader, int column) => reader.GetValue(column) switch
    {
        DateTime t => DateOnly.FromDateTime(t),
        DateOnly d => d,
        var value => throw new InvalidDataException($"Unexpected date value {value}."),
    };
}
