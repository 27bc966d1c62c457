namespace Guanxi.Domain.Maintenance;

/// <summary>A customer a playbook acts on, with the staff its tasks can go to.</summary>
public readonly record struct LayerMember(long CustomerId, long? OwnerId, long? OwnerManagerId);

/// <summary>What applying one playbook would create, and how many of its tasks were already open.</summary>
public sealed record PlaybookPlan(IReadOnlyList<CustomerTask> Tasks, int AlreadyOpen);

/// <summary>
/// The decisions of applying a playbook, apart from any database: which tasks customers who entered its class get, which
/// customers are due a contact by the layer's cadence, and which of these are already open (never twice).
/// </summary>
public static class PlaybookPlanner
{
    /// <summary>Tasks are due at this local time of their day.</summary>
    public static readonly TimeOnly DueTime = new(9, 0);

    /// <param name="entered">Customers who entered the playbook's class in the latest run.</param>
    /// <param name="dueForContact">Customers in the class whose last contact is older than the cadence (or who were never contacted).</param>
    /// <param name="open">Steps already open per customer for this playbook.</param>
    /// <param name="teamManagers">Team id → the user who takes a team's tasks.</param>
    public static PlaybookPlan Plan(
        Playbook playbook,
        IEnumerable<LayerMember> entered,
        IEnumerable<LayerMember> dueForContact,
        ILookup<long, string> open,
        IReadOnlyDictionary<long, long> teamManagers,
        DateOnly today)
    {
        var tasks = new List<CustomerTask>();
        int alreadyOpen = 0;
        var planned = new HashSet<(long, string)>();
        foreach (var member in entered)
        {
            for (int i = 0; i < playbook.Steps.Count; i++)
            {
                var step = playbook.Steps[i];
                var key = PlaybookSteps.Template(i);
                if (open[member.CustomerId].Contains(key, StringComparer.Ordinal) || !planned.Add((member.CustomerId, key)))
                {
                    alreadyOpen++;
                    continue;
                }
                tasks.Add(NewTask(playbook, member, step.Kind, step.Title, step.Priority, key, Assignee(step, member, teamManagers), today.AddDays(step.DueAfterDays)));
            }
        }

        // A contact by cadence only where nothing from this playbook is open: an entering task is already a contact.
        var kind = playbook.Channels.Count > 0 ? playbook.Channels[0] : TaskKind.Call;
        foreach (var member in dueForContact)
        {
            if (open[member.CustomerId].Any() || HasPlanned(planned, member.CustomerId, playbook.Steps.Count))
            {
                alreadyOpen += open[member.CustomerId].Contains(PlaybookSteps.Cadence, StringComparer.Ordinal) ? 1 : 0;
                continue;
            }
            planned.Add((member.CustomerId, PlaybookSteps.Cadence));
            tasks.Add(NewTask(playbook, member, kind, CadenceTitle(playbook), TaskPriority.Normal, PlaybookSteps.Cadence, member.OwnerId, today));
        }
        return new PlaybookPlan(tasks, alreadyOpen);
    }

    private static bool HasPlanned(HashSet<(long, string)> planned, long customerId, int steps)
    {
        for (int i = 0; i < steps; i++) if (planned.Contains((customerId, PlaybookSteps.Template(i)))) return true;
        return false;
    }

    /// <summary>The title of a cadence task, in the language the playbook was written in (its name tells).</summary>
    public static string CadenceTitle(Playbook playbook) =>
        playbook.Name.Any(c => c >= '\u4e00' && c <= '\u9fff')
            ? $"定期联系（每{playbook.CadenceDays}天）：{playbook.Name}"
            : $"Regular contact (every {playbook.CadenceDays} days): {playbook.Name}";

    private static long? Assignee(PlaybookStep step, LayerMember member, IReadOnlyDictionary<long, long> teamManagers) => step.AssignTo switch
    {
        StepAssignee.OwnerManager => member.OwnerManagerId ?? member.OwnerId,
        StepAssignee.Team when step.TeamId is { } team && teamManagers.TryGetValue(team, out var manager) => manager,
        StepAssignee.Team => null,
        _ => member.OwnerId,
    };

    private static CustomerTask NewTask(Playbook playbook, LayerMember member, TaskKind kind, string title, TaskPriority priority, string key, long? assignee, DateOnly due) => new()
    {
        CustomerId = member.CustomerId,
        AssigneeId = assignee,
        Kind = kind,
        Title = title.Length > CustomerTask.TitleMaxLength ? title[..CustomerTask.TitleMaxLength] : title,
        DueAt = due.ToDateTime(DueTime),
        Priority = priority,
        State = TaskState.Open,
        Origin = TaskOrigin.Playbook,
        PlaybookId = playbook.Id,
        PlaybookVersion = playbook.Version,
        StepKey = key,
    };
}
