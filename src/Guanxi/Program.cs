using Guanxi.Cli;
using Guanxi.Data;
using Guanxi.Hosting;

// One program, two faces: with no subcommand (or `serve`) it is the web app and REST API;
// with a subcommand (or --help) it is the CLI over the same services.
if (CommandLine.IsServe(args))
{
    WebApplication app;
    try
    {
        app = await GuanxiServer.BuildAsync(CommandLine.ServerArgs(args));
    }
    catch (MigrationLockTimeoutException e)
    {
        return await CommandLine.GaveUpWaitingAsync(e);
    }
    catch (PortInUseException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return ListenAddresses.PortInUseExitCode;
    }
    catch (Microsoft.Extensions.Options.OptionsValidationException e)
    {
        return await CommandLine.BadConfigurationAsync(e);
    }
    try
    {
        await app.RunAsync();
    }
    catch (Microsoft.Extensions.Options.OptionsValidationException e)
    {
        return await CommandLine.BadConfigurationAsync(e);
    }
    catch (Exception e) when (ListenAddresses.IsAddressInUse(e))
    {
        // Taken between the check and the bind: the same one line.
        await Console.Error.WriteLineAsync(ListenAddresses.TakenMessage(ListenAddresses.From(app.Configuration)[0]));
        return ListenAddresses.PortInUseExitCode;
    }
    return 0;
}
return await CommandLine.RunAsync(args);

/// <summary>Public so the test host (WebApplicationFactory) can find the entry point.</summary>
public partial class Program;
