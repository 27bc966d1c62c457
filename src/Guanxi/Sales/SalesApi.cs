using Guanxi.Common;
using Guanxi.Data.Security;
using Guanxi.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Guanxi.Sales;

/// <summary>Opportunities, pipelines, products and lead grades under /api/v1.</summary>
public static class SalesApi
{
    public static RouteGroupBuilder MapSalesApi(this RouteGroupBuilder api)
    {
        MapOpportunities(api);
        MapPipelines(api);
        MapProducts(api);
        MapGrades(api);
        // Counted within the caller's reach, like the service reports.
        api.MapGet("/sales/funnel", async (DateOnly? from, DateOnly? to, long? pipelineId, SalesFunnel s, CancellationToken ct) => TypedResults.Ok(await s.FunnelAsync(from, to, pipelineId, ct)))
            .WithTags("Sales").Requires(Right.ViewCustomers);
        MapForecast(api);
        MapViews(api);
        return api;
    }

    private static void MapForecast(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sales").WithTags("Sales");
        // Counted within the caller's reach; targets and commitments follow people (one's own, a manager's subtree).
        g.MapGet("/forecast", async (string? period, string? currency, SalesForecast s, CancellationToken ct) => TypedResults.Ok(await s.ForecastAsync(period, currency, ct)))
            .Requires(Right.ViewCustomers);
        g.MapGet("/backtest", async (int? periods, string? kind, string? currency, SalesForecast s, CancellationToken ct) =>
            TypedResults.Ok(await s.BacktestAsync(periods, BacktestMonths(kind), currency, ct))).Requires(Right.ViewCustomers);
        g.MapGet("/targets", async (string? period, SalesQuotas s, CancellationToken ct) => TypedResults.Ok(await s.TargetsAsync(period, ct))).Requires(Right.ViewCustomers);
        g.MapPut("/targets", async (SalesTargetInput body, SalesQuotas s, CancellationToken ct) => TypedResults.Ok(await s.SetTargetAsync(body, ct))).Requires(Right.SetTargets);
        g.MapDelete("/targets/{id:long}", async (long id, SalesQuotas s, CancellationToken ct) =>
        {
            await s.DeleteTargetAsync(id, ct);
            return TypedResults.NoContent();
        }).Requires(Right.SetTargets);
        g.MapGet("/commitments", async (string? period, long? userId, SalesQuotas s, CancellationToken ct) => TypedResults.Ok(await s.CommitmentsAsync(period, userId, ct)))
            .Requires(Right.ViewCustomers);
        g.MapPost("/commitments", async (SalesCommitmentInput body, SalesQuotas s, CancellationToken ct) =>
        {
            var c = await s.CommitAsync(body, ct);
            return TypedResults.Created($"/api/v1/sales/commitments?period={c.Period}", c);
        }).Requires(Right.WorkOpportunities);
    }

    private static void MapViews(RouteGroupBuilder api)
    {
        // One's own saved filters of the opportunity list (another's: 404).
        var g = api.MapGroup("/opportunity-views").WithTags("Opportunities");
        g.MapGet("/", async (SavedOpportunityViews s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct))).Requires(Right.ViewCustomers);
        g.MapPost("/", async (OpportunityViewInput body, SavedOpportunityViews s, CancellationToken ct) =>
        {
            var v = await s.SaveAsync(body, ct);
            return TypedResults.Created($"/api/v1/opportunity-views/{v.Id}", v);
        }).Requires(Right.OwnAccount);
        g.MapDelete("/{id:long}", async (long id, SavedOpportunityViews s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        }).Requires(Right.OwnAccount);
    }

    private static bool BacktestMonths(string? kind) => kind switch
    {
        null or "quarter" => false,
        "month" => true,
        _ => throw ValidationException.For("kind", "Use quarter or month."),
    };

    private static void MapOpportunities(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/opportunities").WithTags("Opportunities");
        // Reading follows the customer's query filter; working them needs WorkOpportunities.
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var work = g.MapGroup("").Requires(Right.WorkOpportunities);
        read.MapGet("/", async (long? stage, string? owner, long? customerId, string? status, DateOnly? closeFrom, DateOnly? closeTo, long? pipelineId, string? q, string? after, int? limit, OpportunityService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(new OpportunityFilter(stage, owner, customerId, status, closeFrom, closeTo, pipelineId, q), after, limit ?? 50, ct)));
        read.MapGet("/board", async (long? pipelineId, OpportunityService s, CancellationToken ct) => TypedResults.Ok(await s.BoardAsync(pipelineId, ct)));
        read.MapGet("/{id:long}", async (long id, OpportunityService s, HttpResponse response, CancellationToken ct) => Tagged(response, await s.GetAsync(id, ct)));
        read.MapGet("/{id:long}/history", async (long id, OpportunityService s, CancellationToken ct) => TypedResults.Ok(await s.HistoryAsync(id, ct)));
        work.MapPost("/", async (OpportunityInput body, OpportunityService s, HttpResponse response, CancellationToken ct) =>
        {
            var o = await s.CreateAsync(body, ct);
            response.Headers.ETag = ETags.Of(o.Version);
            return TypedResults.Created($"/api/v1/opportunities/{o.Id}", o);
        });
        work.MapPut("/{id:long}", async (long id, OpportunityInput body, OpportunityService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct)));
        work.MapDelete("/{id:long}", async (long id, OpportunityService s, HttpRequest request, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ETags.ExpectedVersion(request), ct);
            return TypedResults.NoContent();
        });
        work.MapPost("/{id:long}/move", async (long id, OpportunityMoveInput body, OpportunityService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.MoveAsync(id, body, ETags.ExpectedVersion(request), ct)));
        work.MapPost("/{id:long}/won", async (long id, OpportunityCloseInput? body, OpportunityService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.WinAsync(id, body?.Reason, ETags.ExpectedVersion(request), ct)));
        work.MapPost("/{id:long}/lost", async (long id, OpportunityCloseInput? body, OpportunityService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.LoseAsync(id, body?.Reason, ETags.ExpectedVersion(request), ct)));
        work.MapPost("/{id:long}/reopen", async (long id, OpportunityReopenInput? body, OpportunityService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.ReopenAsync(id, body?.StageId, ETags.ExpectedVersion(request), ct)));
    }

    private static void MapPipelines(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/pipelines").WithTags("Pipelines");
        g.MapGet("/", async (SalesCatalog s, CancellationToken ct) => TypedResults.Ok(await s.PipelinesAsync(ct))).Requires(Right.ViewCustomers);
        g.MapGet("/{id:long}", async (long id, SalesCatalog s, HttpResponse response, CancellationToken ct) =>
        {
            var p = await s.PipelineAsync(id, ct);
            response.Headers.ETag = ETags.Of(p.Version);
            return TypedResults.Ok(p);
        }).Requires(Right.ViewCustomers);
        var manage = g.MapGroup("").Requires(Right.ManageSales);
        manage.MapPost("/", async (PipelineInput body, SalesCatalog s, CancellationToken ct) =>
        {
            var p = await s.CreatePipelineAsync(body, ct);
            return TypedResults.Created($"/api/v1/pipelines/{p.Id}", p);
        });
        manage.MapPut("/{id:long}", async (long id, PipelineInput body, SalesCatalog s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        {
            var p = await s.UpdatePipelineAsync(id, body, ETags.ExpectedVersion(request), ct);
            response.Headers.ETag = ETags.Of(p.Version);
            return TypedResults.Ok(p);
        });
    }

    private static void MapProducts(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/products").WithTags("Products");
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var manage = g.MapGroup("").Requires(Right.ManageSales);
        read.MapGet("/", async (string? q, string? category, string? after, int? limit, SalesCatalog s, CancellationToken ct) =>
            TypedResults.Ok(await s.ProductsAsync(q, category, after, limit ?? 100, ct)));
        read.MapGet("/{id:long}", async (long id, SalesCatalog s, HttpResponse response, CancellationToken ct) =>
        {
            var p = await s.ProductAsync(id, ct);
            response.Headers.ETag = ETags.Of(p.Version);
            return TypedResults.Ok(p);
        });
        manage.MapPost("/", async (ProductInput body, SalesCatalog s, CancellationToken ct) =>
        {
            var p = await s.CreateProductAsync(body, ct);
            return TypedResults.Created($"/api/v1/products/{p.Id}", p);
        });
        manage.MapPut("/{id:long}", async (long id, ProductInput body, SalesCatalog s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        {
            var p = await s.UpdateProductAsync(id, body, ETags.ExpectedVersion(request), ct);
            response.Headers.ETag = ETags.Of(p.Version);
            return TypedResults.Ok(p);
        });
        manage.MapDelete("/{id:long}", async (long id, SalesCatalog s, CancellationToken ct) =>
        {
            await s.DeleteProductAsync(id, ct);
            return TypedResults.NoContent();
        });
    }

    private static void MapGrades(RouteGroupBuilder api)
    {
        api.MapGet("/leads/grades", async (LeadGrading s, CancellationToken ct) => TypedResults.Ok(await s.RulesAsync(ct))).WithTags("Leads").Requires(Right.ViewCustomers);
        api.MapPut("/leads/grades", async (List<GradeRuleInput> body, LeadGrading s, CancellationToken ct) => TypedResults.Ok(await s.PutRulesAsync(body, ct)))
            .WithTags("Leads").Requires(Right.ManageSales);
        api.MapGet("/customers/{id:long}/grade", async (long id, LeadGrading s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(id, ct)))
            .WithTags("Leads").Requires(Right.ViewCustomers);
        api.MapPut("/customers/{id:long}/grade", async (long id, GradeInput body, LeadGrading s, CancellationToken ct) => TypedResults.Ok(await s.SetAsync(id, body, ct)))
            .WithTags("Leads").Requires(Right.WorkOpportunities);
        api.MapPost("/customers/{id:long}/convert", async (long id, ConvertInput body, LeadGrading s, CancellationToken ct) => TypedResults.Ok(await s.ConvertAsync(id, body, ct)))
            .WithTags("Leads").Requires(Right.WorkOpportunities);
    }

    private static Ok<OpportunityDto> Tagged(HttpResponse response, OpportunityDto o)
    {
        response.Headers.ETag = ETags.Of(o.Version);
        return TypedResults.Ok(o);
    }
}
