using System.Globalization;
using Guanxi.Common;
using Guanxi.Data.Security;
using Guanxi.Domain.Service;
using Guanxi.Security;
using Guanxi.Service.Public;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Guanxi.Service;

/// <summary>
/// Satisfaction surveys under /api/v1/surveys, the customer's progress link, and the public pages the customer opens
/// without signing in: <c>GET/POST /s/{token}</c> (the survey) and <c>GET /p/{token}</c> (the request's progress).
/// </summary>
public static class SurveysApi
{
    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/surveys").WithTags("Surveys");
        g.MapPost("/", async (SurveyInput body, SurveyService s, HttpRequest request, CancellationToken ct) =>
        {
            var link = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/surveys/{link.Id}", link with { Url = Absolute(request, link.Path) });
        }).Requires(Right.WorkServiceRequests);
        g.MapGet("/results", async (string? by, string? model, DateOnly? from, DateOnly? to, SurveyService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ResultsAsync(by, model, from, to, ct))).Requires(Right.ViewCustomers);
        api.MapGet("/customers/{id:long}/surveys", async (long id, SurveyService s, CancellationToken ct) => TypedResults.Ok(await s.OfCustomerAsync(id, ct)))
            .WithTags("Surveys").Requires(Right.ViewCustomers);
        api.MapPost("/service-requests/{id:long}/progress-link", async (long id, ServiceDesk s, HttpRequest request, CancellationToken ct) =>
        {
            var link = await s.CreateProgressLinkAsync(id, ct);
            return TypedResults.Ok(new { link.RequestId, link.Token, link.Path, Url = Absolute(request, link.Path) });
        }).WithTags("Service requests").Requires(Right.WorkServiceRequests);
        return api;
    }

    /// <summary>The customer's pages: the token in the path is the only credential, checked by the services.</summary>
    public static IEndpointRouteBuilder MapPublicServicePages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/s/{token}", async (string token, SurveyService s, HttpContext http, CancellationToken ct) =>
        {
            var (state, survey, subject) = await s.FindAsync(token, Address(http), ct);
            return SurveyPage(token, state, survey?.Kind ?? SurveyKind.Csat, subject, null, null, null, false);
        }).AllowAnonymous().ExcludeFromDescription();

        // A form post from the page answers with the page; a JSON post ({"score": 4, "comment": "…"}) with JSON or a problem.
        // Outside /api like the form it answers: described in docs/service.md, not in the API document.
        app.MapPost("/s/{token}", async (string token, SurveyService s, HttpContext http, CancellationToken ct) =>
        {
            var fromForm = http.Request.HasFormContentType;
            var input = fromForm ? await FormAnswerAsync(http.Request, ct) : await JsonAnswerAsync(http.Request, ct);
            var (state, survey, subject) = await s.FindAsync(token, Address(http), ct);
            var kind = survey?.Kind ?? SurveyKind.Csat;
            if (state != PublicLinkState.Open)
            {
                return fromForm ? SurveyPage(token, state, kind, subject, null, null, null, false) : Refusal(state);
            }
            try
            {
                var (outcome, answer) = await s.AnswerAsync(survey!.Id, input, ct);
                if (outcome != SurveyAnswerOutcome.Recorded)
                    return fromForm ? SurveyPage(token, PublicLinkState.Gone, kind, subject, null, null, null, false) : Refusal(PublicLinkState.Gone);
                return fromForm ? SurveyPage(token, PublicLinkState.Gone, kind, subject, null, null, null, true) : TypedResults.Ok(answer);
            }
            catch (ValidationException) when (fromForm)
            {
                var x = Components.SurveyTexts.Current;
                var error = input.Comment is { Length: > SatisfactionSurvey.CommentMaxLength } ? x.CommentTooLong : x.ChooseScore;
                return SurveyPage(token, PublicLinkState.Open, kind, subject, input.Score, input.Comment, error, false, StatusCodes.Status400BadRequest);
            }
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        app.MapGet("/p/{token}", async (string token, ServiceDesk s, ServiceCalendar calendar, HttpContext http, CancellationToken ct) =>
        {
            var (state, view) = await s.ProgressAsync(token, Address(http), ct);
            var parameters = new Dictionary<string, object?> { ["Token"] = token, ["State"] = state, ["View"] = view, ["Zone"] = calendar.Zone };
            return new RazorComponentResult<PublicProgressPage>(parameters) { StatusCode = Status(state) };
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static int Status(PublicLinkState state) => state switch
    {
        PublicLinkState.Unknown => StatusCodes.Status404NotFound,
        PublicLinkState.Gone => StatusCodes.Status410Gone,
        PublicLinkState.Throttled => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status200OK,
    };

    private static IResult Refusal(PublicLinkState state) => state switch
    {
        PublicLinkState.Unknown => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The survey link is not known."),
        PublicLinkState.Throttled => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: "Too many unknown links from this address; try again in a minute."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: "The survey was already answered or its link has expired."),
    };

    private static IResult SurveyPage(string token, PublicLinkState state, SurveyKind kind, string? subject, int? score, string? comment, string? error, bool recorded, int? status = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["Token"] = token,
            ["State"] = state,
            ["Kind"] = kind,
            ["Subject"] = subject,
            ["Score"] = score,
            ["Comment"] = comment,
            ["Error"] = error,
            ["Recorded"] = recorded,
        };
        return new RazorComponentResult<PublicSurveyPage>(parameters) { StatusCode = status ?? (recorded ? StatusCodes.Status200OK : Status(state)) };
    }

    private static async Task<SurveyAnswerInput> FormAnswerAsync(HttpRequest request, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        int? score = int.TryParse(form["score"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
        return new SurveyAnswerInput(score, form["comment"].ToString() is { Length: > 0 } c ? c : null);
    }

    private static async Task<SurveyAnswerInput> JsonAnswerAsync(HttpRequest request, CancellationToken ct)
    {
        // No body, or not JSON: no score given (400 naming it, once the link is known to be open).
        if (!request.HasJsonContentType()) return new SurveyAnswerInput(null, null);
        try
        {
            return await request.ReadFromJsonAsync<SurveyAnswerInput>(ct) ?? new SurveyAnswerInput(null, null);
        }
        catch (System.Text.Json.JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "score";
            throw ValidationException.For(field, "Send {\"score\": n, \"comment\": \"…\"} with a whole-number score.");
        }
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string Absolute(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}
