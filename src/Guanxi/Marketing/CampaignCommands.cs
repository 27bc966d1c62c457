using System.CommandLine;
using System.Globalization;
using Guanxi.Cli;

namespace Guanxi.Marketing;

/// <summary>`guanxi campaigns send ID [--dry-run]`.</summary>
internal static class CampaignCommands
{
    public static Command Campaigns()
    {
        var campaigns = new Command("campaigns", "Marketing campaigns.");
        var db = CliOptions.Db;
        var id = new Argument<long>("ID") { Description = "The campaign's id." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count who would be sent to, excluded and held out; write nothing." };
        var send = new Command("send", "Draw the recipients, write the messages to the outbox and print the counts (a second send adds nothing).") { id, dryRun, db };
        send.SetAction(async (parse, ct) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(db), ct);
            try
            {
                var result = await services.GetRequiredService<CampaignService>().SendAsync(parse.GetValue(id), parse.GetValue(dryRun), ct);
                Console.WriteLine(result.Line);
                return 0;
            }
            catch (Common.NotFoundException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
            catch (Common.ValidationException e)
            {
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, e.Errors.SelectMany(x => x.Value.Select(m => string.Create(CultureInfo.InvariantCulture, $"{x.Key}: {m}")))));
                return 2;
            }
        });
        campaigns.Subcommands.Add(send);
        return campaigns;
    }
}
