using System.CommandLine;

namespace Guanxi.Models;

/// <summary>The analyst's fast paths: no database, straight from files.</summary>
internal static class AnalystCommands
{
    public static Command Rfm()
    {
        var orders = new Argument<FileInfo>("orders") { Description = "Orders CSV in the bench format (order_id,customer_id,ordered_at,amount,channel)" };
        var output = new Option<FileInfo>("--out") { Description = "Output CSV: customer_id,recency_days,frequency,monetary,r,f,m,segment", Required = true };
        var command = new Command("rfm", "RFM scores (1-5) and the 11 segments straight from an orders CSV.") { orders, output };
        command.SetAction(parse => RfmCsvCommand.Run(parse.GetValue(orders)!.FullName, parse.GetValue(output)!.FullName, Console.Out, Console.Error));
        return command;
    }

    public static Command Clv()
    {
        var summary = new Option<FileInfo>("--summary")
        {
            Description = "CSV with customer_id,frequency,recency,T,monetary_value (times in the file's own unit)",
            Required = true,
        };
        var fit = new Command("fit", "Fit BG/NBD and Gamma-Gamma by maximum likelihood; prints parameters, log-likelihoods and convergence as JSON (exit 3 when a fit does not converge).") { summary };
        fit.SetAction(parse => ClvFitCommand.Run(parse.GetValue(summary)!.FullName, Console.Out, Console.Error));
        return new Command("clv", "Customer lifetime value models.") { fit };
    }
}
