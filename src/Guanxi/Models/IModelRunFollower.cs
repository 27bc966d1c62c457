namespace Guanxi.Models;

/// <summary>
/// Work that follows every successful model run, however it was started (nightly, API, CLI): applying playbooks. A
/// follower's failure is logged and leaves the run succeeded.
/// </summary>
public interface IModelRunFollower
{
    Task FollowAsync(long runId, CancellationToken ct);
}
