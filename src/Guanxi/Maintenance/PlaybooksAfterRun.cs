using Guanxi.Data.Security;
using Guanxi.Models;

namespace Guanxi.Maintenance;

/// <summary>Applies the playbooks after every model run, as the system: whoever started the run, the work it creates is the company's.</summary>
public sealed class PlaybooksAfterRun(PlaybookEngine engine) : IModelRunFollower
{
    public Task FollowAsync(long runId, CancellationToken ct) =>
        CurrentUser.RunAsAsync(AccessScope.System, () => engine.ApplyAsync(null, false, ct));
}
