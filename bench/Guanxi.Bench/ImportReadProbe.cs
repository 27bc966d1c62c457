using System.Diagnostics;
using System.Globalization;
using Guanxi.Import;

namespace Guanxi.Bench;

/// <summary>
/// <c>import-read customers|orders FILE</c>: the import's reading side alone (decode, CSV reader, field parsers,
/// row validation), five times, best wall and CPU: the part of an import that decision 0014 changed, without the
/// database writes whose time would hide it.
/// </summary>
internal static class ImportReadProbe
{
    public static int Run(string kind, string path)
    {
        var importKind = kind == "customers" ? ImportKind.Customers : ImportKind.Orders;
        var bestWall = TimeSpan.MaxValue;
        var bestCpu = TimeSpan.MaxValue;
        long rows = 0;
        long rejected = 0;
        for (int run = 0; run < 5; run++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            rows = 0;
            rejected = 0;
            using (var reader = ImportReader.Open(path, importKind, new ImportOptions()))
            {
                foreach (var record in reader.ReadRecords())
                {
                    rows++;
                    rejected += record is RejectedRow ? 1 : 0;
                }
            }

            watch.Stop();
            process.Refresh();
            bestWall = watch.Elapsed < bestWall ? watch.Elapsed : bestWall;
            bestCpu = process.TotalProcessorTime - cpu < bestCpu ? process.TotalProcessorTime - cpu : bestCpu;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} rows ({rejected} rejected): {bestWall.TotalSeconds:F3} s wall, {bestCpu.TotalSeconds:F3} s CPU (best of 5)"));
        return 0;
    }
}
