using Guanxi.Data.Security;
using Guanxi.Security;
using System.Globalization;
using Guanxi.Common;
using Guanxi.Domain.Models;
using Guanxi.Export;

namespace Guanxi.Models;

public sealed record StartRunInput(string? AsOf);

public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        var view = api.MapGroup("").WithTags("Models").Requires(Right.ViewModels);
        var configure = api.MapGroup("").WithTags("Models").Requires(Right.ConfigureModels);
        var models = view.MapGroup("/models");
        models.MapGet("/", async (long? run, ModelQueries q, CancellationToken ct) => TypedResults.Ok(await q.OverviewAsync(run, ct)));
        models.MapGet("/{model}/classes/{cls}/customers", async (string model, string cls, long? run, string? after, int? limit, ModelQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.CustomersOfClassAsync(model, cls, run, after, limit ?? 50, ct)));
        models.MapGet("/{model}/trend", async (string model, int? runs, ModelQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ClassTrendAsync(model, runs ?? 12, ct)));
        models.MapGet("/settings", async (ModelSettingsStore s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(ct)));
        configure.MapPut("/models/settings", async (ModelSettings body, ModelSettingsStore s, CancellationToken ct) => TypedResults.Ok(await s.SaveAsync(body, ct)));

        view.MapGet("/customers/{id:long}/models", async (long id, string? lang, HttpRequest request, ModelQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.CustomerModelsAsync(id, lang ?? PreferredLanguage(request), ct))).WithTags("Models");
        view.MapGet("/customers/{id:long}/models/history", async (long id, ModelQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.CustomerHistoryAsync(id, ct))).WithTags("Models");

        var runs = view.MapGroup("/model-runs");
        runs.MapGet("/", async (int? limit, ModelQueries q, CancellationToken ct) => TypedResults.Ok(await q.RunsAsync(limit ?? 30, ct)));
        runs.MapGet("/{id:long}", async (long id, ModelQueries q, CancellationToken ct) => TypedResults.Ok(await q.RunAsync(id, ct)));
        api.MapPost("/model-runs", async (StartRunInput? body, ModelRunScheduler scheduler, CancellationToken ct) =>
        {
            DateOnly? asOf = null;
            if (body?.AsOf is { Length: > 0 } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    throw ValidationException.For("asOf", "Use a date in the form YYYY-MM-DD.");
                }

                asOf = day;
            }

            var run = await scheduler.EnqueueAsync(asOf, "api", ct);
            return TypedResults.Accepted($"/api/v1/model-runs/{run.Id}", ModelQueries.ToDto(run));
        }).WithTags("Models").Requires(Right.RunModels);
        runs.MapGet("/{from:long}/migration/{to:long}", async (long from, long to, string? model, ModelQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.MigrationAsync(from, to, model ?? ModelKeys.Comprehensive, ct)));
        runs.MapGet("/{from:long}/migration/{to:long}/customers", async (long from, long to, string? model, string? fromClass, string? toClass, string? after, int? limit, ModelQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.MigrationCustomersAsync(from, to, model ?? ModelKeys.Comprehensive, fromClass, toClass, after, limit ?? 50, ct)));
        runs.MapGet("/{id:long}/rfm-grid", async (long id, ModelQueries q, CancellationToken ct) => TypedResults.Ok(await q.RfmGridAsync(id, ct)));
        runs.MapGet("/{id:long}/rfm-grid/{r:int}/{f:int}/customers", async (long id, int r, int f, string? after, int? limit, ModelQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.CustomersOfRfmCellAsync(id, r, f, after, limit ?? 50, ct)));
        runs.MapGet("/{id:long}/export", (long id, ModelExport export, HttpContext http) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"guanxi-models-{id}.csv\"";
            return StreamedDownload.WriteAsync(http, (body, ct) => export.WriteCsvAsync(body, id, ct));
        });

        var custom = view.MapGroup("/custom-models");
        var customEdit = configure.MapGroup("/custom-models");
        custom.MapGet("/", async (CustomModelService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        custom.MapGet("/{id:long}", async (long id, CustomModelService s, HttpResponse response, CancellationToken ct) =>
        {
            var model = await s.GetAsync(id, ct);
            response.Headers.ETag = ETags.Of(model.Version);
            return TypedResults.Ok(model);
        });
        customEdit.MapPost("/", async (CustomModelInput body, CustomModelService s, CancellationToken ct) =>
        {
            var model = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/custom-models/{model.Id}", model);
        });
        customEdit.MapPut("/{id:long}", async (long id, CustomModelInput body, CustomModelService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        {
            var model = await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct);
            response.Headers.ETag = ETags.Of(model.Version);
            return TypedResults.Ok(model);
        });
        customEdit.MapDelete("/{id:long}", async (long id, CustomModelService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
        customEdit.MapPost("/validate", (CustomModelInput body) => TypedResults.Ok(CustomModelService.Validate(body)));
        return api;
    }

    private static string PreferredLanguage(HttpRequest request)
    {
        var first = request.Headers.AcceptLanguage.ToString().Split(',')[0].Trim();
        return first.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";
    }
}
