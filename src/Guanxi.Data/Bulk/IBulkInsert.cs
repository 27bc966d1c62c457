namespace Guanxi.Data.Bulk;

/// <summary>
/// Appends many new rows to one table inside the context's current transaction: the fast path of imports, the demo
/// loader and a model run's custom labels. PostgreSQL gets binary COPY; SQLite a prepared INSERT into a staging
/// table moved across in one statement. Values must be long, int, short, float, double, decimal, string, bool,
/// DateOnly, or DateTime (Kind Utc for "timestamp with time zone" columns, Unspecified for business-local
/// "timestamp without time zone" ones), or null.
/// </summary>
public interface IBulkInsert
{
    Task InsertAsync(GuanxiDbContext db, string table, string[] columns, IReadOnlyList<object?[]> rows, CancellationToken ct);

    /// <summary>After rows were inserted with explicit ids: the table's next generated id comes after the highest one.</summary>
    Task MovePastExplicitIdsAsync(GuanxiDbContext db, string table, CancellationToken ct);

    /// <summary>
    /// After a bulk load, before statements that plan over the new rows: PostgreSQL plans from table statistics that
    /// autovacuum refreshes only some time later, so it analyses the table now; SQLite keeps none unless asked.
    /// </summary>
    Task RefreshStatisticsAsync(GuanxiDbContext db, string table, CancellationToken ct);
}
