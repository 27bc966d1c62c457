using Guanxi.Domain.Service;

namespace Guanxi.Domain.Tests.Service;

public class ServiceRequestRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_request_walks_the_table_and_an_illegal_move_names_the_allowed_ones()
    {
        var r = new ServiceRequest { Type = ServiceRequestType.Repair, ResponseDueAt = Now.AddHours(1), ResolutionDueAt = Now.AddHours(8) };
        r.NextDueAt = r.RunningDeadline();
        Assert.Equal(Now.AddHours(1), r.NextDueAt);

        var refused = r.Transition(ServiceStatus.Assigned, Now);
        Assert.False(refused.Ok);
        Assert.Contains("assigneeId", refused.Reason, StringComparison.Ordinal);

        r.AssigneeId = 5;
        Assert.True(r.Transition(ServiceStatus.Assigned, Now).Ok);
        Assert.Null(r.FirstRespondedAt);
        Assert.True(r.Transition(ServiceStatus.InProgress, Now.AddMinutes(10)).Ok);
        Assert.Equal(Now.AddMinutes(10), r.FirstRespondedAt);
        Assert.Equal(Now.AddHours(8), r.NextDueAt);
        Assert.True(r.Transition(ServiceStatus.Resolved, Now.AddHours(2)).Ok);
        Assert.Null(r.NextDueAt);
        Assert.True(r.Transition(ServiceStatus.Closed, Now.AddHours(3)).Ok);

        var illegal = r.Transition(ServiceStatus.InProgress, Now.AddHours(4));
        Assert.False(illegal.Ok);
        Assert.Equal([ServiceStatus.Reopened], illegal.Allowed);
        Assert.Contains("reopened", illegal.Reason, StringComparison.Ordinal);
        Assert.Equal(ServiceStatus.Closed, r.Status);

        Assert.True(r.Transition(ServiceStatus.Reopened, Now.AddHours(4)).Ok);
        Assert.Null(r.ClosedAt);
        Assert.Equal(Now.AddHours(8), r.NextDueAt);
        Assert.True(r.Transition(ServiceStatus.InProgress, Now.AddHours(4)).Ok);
        Assert.Equal(ServiceStatus.InProgress, ServiceTransitions.Parse("in-progress"));
        Assert.Equal(ServiceStatus.Reopened, ServiceTransitions.Parse("reopen"));
        Assert.Null(ServiceTransitions.Parse("2"));
    }

    [Fact]
    public void Complaint_steps_go_in_order_and_a_complaint_closes_only_with_the_verdict()
    {
        var c = new ServiceRequest { Type = ServiceRequestType.Complaint, AssigneeId = 5, Status = ServiceStatus.InProgress };
        Assert.NotNull(c.RecordStep(ComplaintStep.Remedy, "退款", null, Now));
        Assert.Null(c.RecordStep(ComplaintStep.Acknowledged, "诚恳道歉", null, Now));
        Assert.Equal(Now, c.FirstRespondedAt);
        Assert.Null(c.RecordStep(ComplaintStep.Remedy, "退款 200 元", null, Now.AddHours(1)));
        Assert.True(c.Transition(ServiceStatus.Resolved, Now.AddHours(2)).Ok);
        Assert.False(c.Transition(ServiceStatus.Closed, Now.AddHours(3)).Ok);
        Assert.NotNull(c.RecordStep(ComplaintStep.Closure, null, ComplaintVerdict.Satisfied, Now));
        Assert.Null(c.RecordStep(ComplaintStep.FollowUpVisit, "回访：已满意", null, Now.AddDays(3)));
        Assert.NotNull(c.RecordStep(ComplaintStep.Closure, null, null, Now.AddDays(3)));
        Assert.Null(c.RecordStep(ComplaintStep.Closure, null, ComplaintVerdict.Satisfied, Now.AddDays(3)));
        Assert.True(c.Transition(ServiceStatus.Closed, Now.AddDays(3)).Ok);
        Assert.NotNull(new ServiceRequest { Type = ServiceRequestType.Inquiry }.RecordStep(ComplaintStep.Acknowledged, "x", null, Now));
    }

    [Fact]
    public void Policies_match_class_before_any_customer_and_overlaps_are_found_within_a_class()
    {
        var any = new SlaPolicy { Id = 1, Name = "默认", FirstResponseMinutes = 240, ResolutionMinutes = 2160 };
        var key = new SlaPolicy { Id = 2, Name = "关键客户", ModelKey = "comprehensive", ClassKey = "key", FirstResponseMinutes = 30, ResolutionMinutes = 480 };
        var keyComplaints = new SlaPolicy
        {
            Id = 3, Name = "关键客户投诉", ModelKey = "comprehensive", ClassKey = "key", Types = [ServiceRequestType.Complaint],
            FirstResponseMinutes = 15, ResolutionMinutes = 240,
        };
        var diamond = new SlaPolicy { Id = 4, Name = "钻石会员", ModelKey = "member_tier", ClassKey = "diamond", Priorities = [ServicePriority.Urgent], FirstResponseMinutes = 10, ResolutionMinutes = 120 };
        var keyClass = new HashSet<(string, string)> { ("comprehensive", "key") };

        Assert.Same(key, SlaPolicies.Match([any, key, diamond], ServiceRequestType.Repair, ServicePriority.Normal, keyClass));
        Assert.Same(any, SlaPolicies.Match([any, key, diamond], ServiceRequestType.Repair, ServicePriority.Normal, new HashSet<(string, string)>()));
        Assert.Same(diamond, SlaPolicies.Match([any, key, diamond], ServiceRequestType.Repair, ServicePriority.Urgent,
            new HashSet<(string, string)> { ("comprehensive", "key"), ("member_tier", "diamond") }));
        Assert.Null(SlaPolicies.Match([key], ServiceRequestType.Repair, ServicePriority.Normal, new HashSet<(string, string)>()));

        Assert.Same(key, SlaPolicies.FirstOverlap(keyComplaints, [any, key, diamond]));
        Assert.Null(SlaPolicies.FirstOverlap(diamond, [any, key]));
        var keyRepairs = new SlaPolicy { Name = "关键客户维修", ModelKey = "comprehensive", ClassKey = "key", Types = [ServiceRequestType.Repair] };
        Assert.Null(SlaPolicies.FirstOverlap(keyRepairs, [keyComplaints]));
        Assert.Same(any, SlaPolicies.FirstOverlap(new SlaPolicy { Name = "另一个默认" }, [any, key]));
    }
}
