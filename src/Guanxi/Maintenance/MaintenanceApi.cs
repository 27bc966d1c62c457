using Guanxi.Common;
using Guanxi.Data.Security;
using Guanxi.Security;

namespace Guanxi.Maintenance;

/// <summary>Tasks, playbooks, win-back cases, notifications and the calendar feed under /api/v1.</summary>
public static class MaintenanceApi
{
    public sealed record ReassignInput(long? AssigneeId);

    public sealed record SnoozeInput(DateTime Until);

    public sealed record ApplyInput(DateOnly? AsOf, bool DryRun);

    public static RouteGroupBuilder MapMaintenanceApi(this RouteGroupBuilder api)
    {
        MapTasks(api);
        MapPlaybooks(api);
        MapWinBack(api);
        MapNotifications(api);
        return api;
    }

    private static void MapTasks(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tasks").WithTags("Tasks");
        // Reading follows the query filter (one's own tasks, a manager's team's; roles that reach every customer see all,
        // masked); working on tasks needs WorkTasks.
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var work = g.MapGroup("").Requires(Right.WorkTasks);
        read.MapGet("/", async (string? assignee, string? due, long? customerId, string? status, string? after, int? limit, TaskService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(new TaskFilter(assignee, due, customerId, status), after, limit ?? 50, ct)));
        read.MapGet("/{id:long}", async (long id, TaskService s, HttpResponse response, CancellationToken ct) => Tagged(response, await s.GetAsync(id, ct)));
        work.MapPost("/", async (TaskInput body, TaskService s, CancellationToken ct) =>
        {
            var task = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/tasks/{task.Id}", task);
        });
        work.MapPut("/{id:long}", async (long id, TaskInput body, TaskService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct)));
        work.MapPost("/{id:long}/complete", async (long id, TaskCompletion body, TaskService s, HttpRequest request, CancellationToken ct) =>
            TypedResults.Ok(await s.CompleteAsync(id, body, ETags.ExpectedVersion(request), ct)));
        work.MapPost("/{id:long}/snooze", async (long id, SnoozeInput body, TaskService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.SnoozeAsync(id, body.Until, ETags.ExpectedVersion(request), ct)));
        work.MapPost("/{id:long}/cancel", async (long id, TaskService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.CancelAsync(id, ETags.ExpectedVersion(request), ct)));
        g.MapPost("/{id:long}/reassign", async (long id, ReassignInput body, TaskService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.ReassignAsync(id, body.AssigneeId, ETags.ExpectedVersion(request), ct))).Requires(Right.AssignTasks);

        api.MapGet("/customers/{id:long}/tasks", async (long id, string? status, TaskService s, CancellationToken ct) =>
            TypedResults.Ok(await s.OfCustomerAsync(id, status, ct))).WithTags("Tasks").Requires(Right.ViewCustomers);
    }

    private static void MapPlaybooks(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/playbooks").WithTags("Playbooks");
        var read = g.MapGroup("").Requires(Right.ViewModels);
        var manage = g.MapGroup("").Requires(Right.ManagePlaybooks);
        read.MapGet("/", async (PlaybookService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        read.MapGet("/{id:long}", async (long id, PlaybookService s, HttpResponse response, CancellationToken ct) =>
        {
            var p = await s.GetAsync(id, ct);
            response.Headers.ETag = ETags.Of(p.Version);
            return TypedResults.Ok(p);
        });
        read.MapGet("/{id:long}/versions", async (long id, PlaybookService s, CancellationToken ct) => TypedResults.Ok(await s.VersionsAsync(id, ct)));
        manage.MapPost("/", async (PlaybookInput body, PlaybookService s, CancellationToken ct) =>
        {
            var p = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/playbooks/{p.Id}", p);
        });
        manage.MapPut("/{id:long}", async (long id, PlaybookInput body, PlaybookService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        {
            var p = await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct);
            response.Headers.ETag = ETags.Of(p.Version);
            return TypedResults.Ok(p);
        });
        manage.MapDelete("/{id:long}", async (long id, PlaybookService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
        manage.MapGet("/{id:long}/preview", async (long id, int? limit, PlaybookEngine engine, CancellationToken ct) =>
            TypedResults.Ok(await engine.PreviewAsync(id, limit ?? 100, ct)));
        manage.MapPost("/apply", async (ApplyInput? body, PlaybookEngine engine, CancellationToken ct) =>
            TypedResults.Ok(await engine.ApplyAsync(Day("asOf", body?.AsOf), body?.DryRun ?? false, ct)));
        g.MapGet("/{id:long}/evaluation", async (long id, DateOnly? from, DateOnly? to, PlaybookEvaluation e, CancellationToken ct) =>
            TypedResults.Ok(await e.EvaluateAsync(id, Day("from", from), Day("to", to), ct))).Requires(Right.EvaluatePlaybooks);
    }

    private static void MapWinBack(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/win-back-cases").WithTags("Win-back");
        g.MapGet("/", async (string? state, long? customerId, WinBackService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(state, customerId, ct))).Requires(Right.ViewCustomers);
        g.MapGet("/{id:long}", async (long id, WinBackService s, HttpResponse response, CancellationToken ct) =>
        {
            var c = await s.GetAsync(id, ct);
            response.Headers.ETag = ETags.Of(c.Version);
            return TypedResults.Ok(c);
        }).Requires(Right.ViewCustomers);
        g.MapPost("/{id:long}/transition", async (long id, WinBackTransition body, WinBackService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        {
            var c = await s.TransitionAsync(id, body, ETags.ExpectedVersion(request), ct);
            response.Headers.ETag = ETags.Of(c.Version);
            return TypedResults.Ok(c);
        }).Requires(Right.WorkTasks);
    }

    private static void MapNotifications(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/notifications").WithTags("Notifications").Requires(Right.OwnAccount);
        g.MapGet("/", async (bool? unread, int? limit, NotificationService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(unread ?? false, limit ?? 50, ct)));
        g.MapPost("/{id:long}/read", async (long id, NotificationService s, CancellationToken ct) =>
        {
            await s.MarkReadAsync(id, ct);
            return TypedResults.NoContent();
        });
        g.MapPost("/read", async (NotificationService s, CancellationToken ct) =>
        {
            await s.MarkReadAsync(null, ct);
            return TypedResults.NoContent();
        });
        var feed = api.MapGroup("/account/calendar-feed").WithTags("Notifications").Requires(Right.OwnAccount);
        feed.MapPost("/", async (CalendarFeedService s, CancellationToken ct) => TypedResults.Ok(await s.CreateAsync(ct)));
        feed.MapDelete("/", async (CalendarFeedService s, CancellationToken ct) =>
        {
            await s.RevokeAllAsync(ct);
            return TypedResults.NoContent();
        });
    }

    /// <summary>
    /// The calendar feed: a public link whose token is the only credential (calendar apps send no cookies or headers).
    /// The tasks are read with the token owner's scope, so the feed shows exactly what they would see.
    /// </summary>
    public static void MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/calendar.ics", async (string? token, CalendarFeedService feeds, ScopeResolver scopes, TaskService tasks, HttpContext http, CancellationToken ct) =>
        {
            if (await feeds.UserOfAsync(token, ct) is not { } userId)
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The calendar link is unknown or was revoked.");
            var scope = await scopes.ResolveAsync(userId, http.Connection.RemoteIpAddress?.ToString(), ct);
            var ics = await CurrentUser.RunAsAsync(scope, () => feeds.IcsAsync(tasks, ct));
            return Results.Text(ics, "text/calendar; charset=utf-8");
        }).AllowAnonymous().WithTags("Notifications");
    }

    /// <summary>A day the arithmetic can work with (due dates, periods): 2000 to 2100, else 400 naming the field.</summary>
    private static DateOnly? Day(string field, DateOnly? day) =>
        day is { Year: < 2000 or > 2100 } ? throw ValidationException.For(field, "Use a day between 2000 and 2100.") : day;

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<TaskDto> Tagged(HttpResponse response, TaskDto task)
    {
        response.Headers.ETag = ETags.Of(task.Version);
        return TypedResults.Ok(task);
    }
}
