using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Guanxi.Models;

namespace Guanxi.Bench;

/// <summary>End to end: <see cref="RfmCsvCommand"/> against DuckDB's read_csv plus the README's window-function SQL.</summary>
internal static class RfmVersusDuckDb
{
    public static int Run(string ordersCsv)
    {
        var folder = Directory.CreateTempSubdirectory("guanxi-bench-").FullName;
        var guanxiOut = Path.Combine(folder, "guanxi.csv");
        var duckOut = Path.Combine(folder, "duckdb.csv");

        // CPU time is reported too: on a shared machine wall time depends on the neighbours' load.
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        int exit = RfmCsvCommand.Run(ordersCsv, guanxiOut, Console.Out, Console.Error);
        var guanxiTime = watch.Elapsed;
        process.Refresh();
        var guanxiCpu = process.TotalProcessorTime - cpuBefore;
        if (exit != 0)
        {
            return exit;
        }

        cpuBefore = process.TotalProcessorTime;
        watch.Restart();
        RunDuckDb(ordersCsv, duckOut);
        var duckTime = watch.Elapsed;
        process.Refresh();
        var duckCpu = process.TotalProcessorTime - cpuBefore;

        bool identical = File.ReadAllBytes(guanxiOut).AsSpan().SequenceEqual(File.ReadAllBytes(duckOut));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"guanxi rfm : {guanxiTime.TotalSeconds:F2} s wall, {guanxiCpu.TotalSeconds:F2} s CPU"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"duckdb     : {duckTime.TotalSeconds:F2} s wall, {duckCpu.TotalSeconds:F2} s CPU"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio      : duckdb / guanxi = {duckTime.TotalSeconds / guanxiTime.TotalSeconds:F2} wall, {duckCpu.TotalSeconds / guanxiCpu.TotalSeconds:F2} CPU"));
        Console.WriteLine(identical ? "outputs    : identical" : "outputs    : DIFFER");
        Directory.Delete(folder, recursive: true);
        return identical ? 0 : 1;
    }

    private static void RunDuckDb(string ordersCsv, string outPath)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();

        // Same definition as the README: calendar dates, exact DECIMAL sums, RANK() with DuckDB's integer '//'.
        // Segment texts are plain; COPY with QUOTE '' keeps them unquoted like the reference output.
        string csv = ordersCsv.Replace("'", "''", StringComparison.Ordinal);
        string output = outPath.Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = $$"""
            COPY (
              WITH o AS (
                SELECT customer_id, CAST(ordered_at AS DATE) AS d, amount
                FROM read_csv('{{csv}}', header = true, columns = {'order_id': 'BIGINT', 'customer_id': 'BIGINT',
                  'ordered_at': 'TIMESTAMP', 'amount': 'DECIMAL(18,2)', 'channel': 'VARCHAR'})
              ),
              c AS (
                SELECT customer_id, (SELECT max(d) FROM o) + 1 - max(d) AS recency_days,
                       count(*) AS frequency, sum(amount) AS monetary
                FROM o GROUP BY customer_id
              ),
              s AS (
                SELECT *, count(*) OVER () AS n,
                  1 + (5 * (rank() OVER (ORDER BY recency_days DESC) - 1)) // count(*) OVER () AS r,
                  1 + (5 * (rank() OVER (ORDER BY frequency ASC) - 1)) // count(*) OVER () AS f,
                  1 + (5 * (rank() OVER (ORDER BY monetary ASC) - 1)) // count(*) OVER () AS m
                FROM c
              )
              SELECT customer_id, recency_days, frequency, printf('%.2f', monetary) AS monetary, r, f, m,
                CASE
                  WHEN r = 5 AND f = 1 THEN 'New Customers'
                  WHEN r = 5 AND f IN (2, 3) THEN 'Potential Loyalist'
                  WHEN r = 5 THEN 'Champions'
                  WHEN r = 4 AND f = 1 THEN 'Promising'
                  WHEN r = 4 AND f IN (2, 3) THEN 'Potential Loyalist'
                  WHEN r = 4 THEN 'Loyal Customers'
                  WHEN r = 3 AND f IN (1, 2) THEN 'About to Sleep'
                  WHEN r = 3 AND f = 3 THEN 'Need Attention'
                  WHEN r = 3 THEN 'Loyal Customers'
                  WHEN r = 1 AND f = 1 THEN 'Lost'
                  WHEN f IN (1, 2) THEN 'Hibernating'
                  WHEN f IN (3, 4) THEN 'At Risk'
                  ELSE 'Can''t Lose Them'
                END AS segment
              FROM s ORDER BY customer_id
            ) TO '{{output}}' (HEADER, DELIMITER ',', QUOTE '')
            """;
        command.ExecuteNonQuery();
    }
}
