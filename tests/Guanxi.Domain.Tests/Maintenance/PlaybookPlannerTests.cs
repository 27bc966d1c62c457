using Guanxi.Domain.Maintenance;

namespace Guanxi.Domain.Tests.Maintenance;

public class PlaybookPlannerTests
{
    private static readonly DateOnly Today = new(2026, 12, 31);

    private static Playbook Playbook() => new()
    {
        Id = 7,
        Version = 3,
        Name = "关键客户维护",
        CadenceDays = 14,
        Channels = [TaskKind.Visit, TaskKind.Call],
        Steps =
        [
            new PlaybookStep { Kind = TaskKind.Visit, Title = "拜访", AssignTo = StepAssignee.Owner, DueAfterDays = 7, Priority = TaskPriority.High },
            new PlaybookStep { Kind = TaskKind.Meeting, Title = "面谈", AssignTo = StepAssignee.OwnerManager, DueAfterDays = 30 },
            new PlaybookStep { Kind = TaskKind.Call, Title = "团队跟进", AssignTo = StepAssignee.Team, TeamId = 5, DueAfterDays = 1 },
        ],
    };

    private static readonly ILookup<long, string> NothingOpen = Array.Empty<(long, string)>().ToLookup(x => x.Item1, x => x.Item2);

    [Fact]
    public void Entering_customers_get_every_step_for_the_right_person_on_the_right_day()
    {
        var plan = PlaybookPlanner.Plan(Playbook(), [new LayerMember(1, 10, 20), new LayerMember(2, 11, null)], [], NothingOpen,
            new Dictionary<long, long> { [5] = 30 }, Today);
        Assert.Equal(6, plan.Tasks.Count);
        Assert.Equal(0, plan.AlreadyOpen);
        var one = plan.Tasks.Where(t => t.CustomerId == 1).ToList();
        Assert.Equal([10L, 20L, 30L], one.Select(t => t.AssigneeId!.Value));
        Assert.Equal(new DateTime(2027, 1, 7, 9, 0, 0), one[0].DueAt);
        Assert.Equal(["t0", "t1", "t2"], one.Select(t => t.StepKey!));
        Assert.All(plan.Tasks, t => Assert.Equal((7L, 3, TaskOrigin.Playbook, TaskState.Open), (t.PlaybookId!.Value, t.PlaybookVersion!.Value, t.Origin, t.State)));
        // No manager above the owner: the owner's manager step falls to the owner.
        Assert.Equal(11, plan.Tasks.Single(t => t.CustomerId == 2 && t.StepKey == "t1").AssigneeId);
    }

    [Fact]
    public void Open_steps_are_not_created_again_and_cadence_waits_for_open_work()
    {
        var open = new[] { (1L, "t0"), (3L, PlaybookSteps.Cadence) }.ToLookup(x => x.Item1, x => x.Item2);
        var plan = PlaybookPlanner.Plan(Playbook(), [new LayerMember(1, 10, null)], [new LayerMember(1, 10, null), new LayerMember(3, 12, null), new LayerMember(4, null, null)],
            open, new Dictionary<long, long>(), Today);
        // Customer 1: t0 already open (counted), t1 and t2 made; no cadence task on top of entering work.
        Assert.Equal(["t1", "t2"], plan.Tasks.Where(t => t.CustomerId == 1).Select(t => t.StepKey!));
        // Customer 3: a cadence task is open already (counted); customer 4: due, gets one, unassigned (no owner).
        Assert.DoesNotContain(plan.Tasks, t => t.CustomerId == 3);
        var cadence = Assert.Single(plan.Tasks, t => t.CustomerId == 4);
        Assert.Equal((PlaybookSteps.Cadence, TaskKind.Visit, (long?)null, Today.ToDateTime(PlaybookPlanner.DueTime)), (cadence.StepKey!, cadence.Kind, cadence.AssigneeId, cadence.DueAt));
        Assert.Equal(2, plan.AlreadyOpen);
        Assert.Null(plan.Tasks.Single(t => t.CustomerId == 1 && t.StepKey == "t2").AssigneeId); // team 5 has no manager
    }

    [Fact]
    public void Win_back_steps_need_what_they_say_and_a_closed_case_stays_closed()
    {
        var c = new WinBackCase { State = WinBackState.Open };
        Assert.NotNull(WinBackRules.Refusal(c, WinBackState.LostForGood, false));
        Assert.NotNull(WinBackRules.Refusal(c, WinBackState.Apologised, false));
        c.Apology = "致歉";
        Assert.Null(WinBackRules.Refusal(c, WinBackState.Apologised, false));
        Assert.NotNull(WinBackRules.Refusal(c, WinBackState.WonBack, false));
        Assert.Null(WinBackRules.Refusal(c, WinBackState.WonBack, true));
        c.Remedy = "补偿";
        c.State = WinBackState.RemedyOffered;
        Assert.NotNull(WinBackRules.Refusal(c, WinBackState.Open, false));
        Assert.Null(WinBackRules.Refusal(c, WinBackState.LostForGood, false));
        c.State = WinBackState.WonBack;
        Assert.NotNull(WinBackRules.Refusal(c, WinBackState.LostForGood, false));
    }

    [Fact]
    public void The_default_set_covers_the_four_comprehensive_layers_and_the_special_classes()
    {
        var all = DefaultPlaybooks.All();
        Assert.Equal(["important", "key", "low", "ordinary"], all.Where(p => p.ModelKey == "comprehensive").Select(p => p.ClassKey).Order());
        Assert.Contains(all, p => p.ModelKey == "lost" && p.ClassKey == "churn_warning");
        Assert.Contains(all, p => p.ModelKey == "lost" && p.ClassKey == "lost_high_value");
        Assert.Contains(all, p => p.ModelKey == "first_purchase");
        Assert.Contains(all, p => p.ModelKey == "potential");
        Assert.All(all, p => Assert.InRange(p.CadenceDays, 1, Domain.Maintenance.Playbook.MaxCadenceDays));
        Assert.All(all, p => Assert.NotNull(Guanxi.Domain.Models.ModelCatalog.Find(p.ModelKey)?.Classes.FirstOrDefault(c => c.Key == p.ClassKey)));
    }
}
