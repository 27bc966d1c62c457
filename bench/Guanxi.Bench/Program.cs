using BenchmarkDotNet.Running;
using Guanxi.Bench;

// `rfm-vs-duckdb ORDERS.csv` times the end-to-end command against DuckDB; `order-scan DB` times SQLite handing over
// the orders a model run reads; `copy-codec PG [ROWS] [ROUNDS]` times our binary COPY codec against Npgsql's;
// `task-queue DB [TASKS]` times the work queue and playbook evaluation at scale (issue 13);
// `service-queue DB [REQUESTS] [FIRST_CHECKS]` times the service queue and the SLA breach scan at scale (issue 14), DB a SQLite
// file or a PostgreSQL connection string, the first check FIRST_CHECKS times (default 3) and then one finding nothing new;
// `sales-forecast DB [OPPORTUNITIES]` times the funnel, the forecast and the backtest at scale (issue 15);
// `sales-lists DB [OPPORTUNITIES] [CALLS]` times the board and the list on the same data (issue 15);
// `smtp-sink PORT FILE` is the marketing benchmark's loopback SMTP server, writing each message's Message-Id to FILE (issue 16);
// `csv-readers ORDERS.csv` times the CSV reader candidates and `import-read customers|orders FILE` the import's reading
// side (decision 0014); anything else goes to BenchmarkDotNet.
if (args.Length == 2 && args[0] == "rfm-vs-duckdb")
{
    return RfmVersusDuckDb.Run(args[1]);
}

if (args.Length == 3 && args[0] == "smtp-sink")
{
    return await SmtpSinkProbe.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
}

if (args.Length == 2 && args[0] == "csv-readers")
{
    return CsvReaderComparison.Run(args[1]);
}

if (args.Length == 3 && args[0] == "import-read")
{
    return ImportReadProbe.Run(args[1], args[2]);
}

if (args.Length is 2 or 3 && args[0] == "task-queue")
{
    return await TaskQueueProbe.RunAsync(args[1], args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5_000_000);
}

if (args.Length is >= 2 and <= 4 && args[0] == "service-queue")
{
    return await ServiceQueueProbe.RunAsync(args[1], args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3);
}

if (args.Length is 2 or 3 && args[0] == "sales-forecast")
{
    return await SalesForecastProbe.RunAsync(args[1], args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
}

if (args.Length is >= 2 and <= 4 && args[0] == "sales-lists")
{
    return await SalesListProbe.RunAsync(args[1], args.Length > 2 ? long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 100);
}

if (args.Length == 2 && args[0] == "order-scan")
{
    return OrderScanProbe.Run(args[1]);
}

if (args.Length is >= 2 and <= 4 && args[0] == "copy-codec")
{
    int rows = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    int rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3;
    return CopyCodecBenchmark.Run(args[1], rows, rounds);
}

BenchmarkSwitcher.FromAssembly(typeof(RfmKernelBenchmark).Assembly).Run(args);
return 0;
