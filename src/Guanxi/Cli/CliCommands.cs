using System.CommandLine;

namespace Guanxi.Cli;

/// <summary>Every subcommand, each defined next to its feature.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return MigrateCommand.Create();
        yield return Export.ExportCommand.Create();
        yield return Demo.DemoCommand.Create();
        yield return Import.ImportCommand.Create();
        yield return Models.AnalystCommands.Rfm();
        yield return Models.AnalystCommands.Clv();
        yield return Models.ModelsCommand.Create();
        yield return Maintenance.MaintenanceCommands.Playbooks();
        yield return Maintenance.MaintenanceCommands.Tasks();
        yield return Service.ServiceCommands.Sla();
        yield return Sales.SalesCommands.Sales();
        yield return Marketing.CampaignCommands.Campaigns();
        yield return Marketing.CareCommands.Care();
        yield return Security.SecurityCommands.Users();
        yield return Security.SecurityCommands.Teams();
        yield return Security.SecurityCommands.Tokens();
    }
}

internal static class MigrateCommand
{
    public static Command Create()
    {
        var db = CliOptions.Db;
        var command = new Command("migrate", "Create or upgrade the database schema and exit.");
        command.Options.Add(db);
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            Console.WriteLine("Database is up to date.");
            return 0;
        });
        return command;
    }
}
