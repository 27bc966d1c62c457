using Guanxi.Data.Security;
using Guanxi.Models;

namespace Guanxi.Maintenance;

/// <summary>
/// Applies the playbooks after every model run, as the system: whoever started the run, the work it creates is the
/// company's. `Playbooks:ApplyAfterRuns=false` leaves it to `guanxi playbooks apply` (a schedule of one's own, or a benchmark).
/// </summary>
public sealed class PlaybooksAfterRun(PlaybookEngine engine, IConfiguration configuration) : IModelRunFollower
{
    public Task FollowAsync(long runId, CancellationToken ct) =>
        configuration.GetValue("Playbooks:ApplyAfterRuns", true)
            ? CurrentUser.RunAsAsync(AccessScope.System, () => engine.ApplyAsync(null, false, ct))
            : Task.CompletedTask;
}
