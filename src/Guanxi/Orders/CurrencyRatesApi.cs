using Guanxi.Data.Security;
using Guanxi.Security;

namespace Guanxi.Orders;

/// <summary>The monthly currency rates (issue 17): everyone who sees customers reads them; admins (settings) change them.</summary>
public static class CurrencyRatesApi
{
    public static RouteGroupBuilder MapCurrencyRatesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/currency-rates").WithTags("Currency rates");
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var write = g.MapGroup("").Requires(Right.ManageSettings);
        read.MapGet("/", async (string? currency, CurrencyRateService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(currency, ct)));
        read.MapGet("/missing", async (CurrencyRateService s, CancellationToken ct) => TypedResults.Ok(await s.MissingAsync(ct)));
        write.MapPut("/{currency}/{month}", async (string currency, string month, CurrencyRateInput body, CurrencyRateService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PutAsync(currency, month, body, ct)));
        write.MapDelete("/{currency}/{month}", async (string currency, string month, CurrencyRateService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(currency, month, ct);
            return TypedResults.NoContent();
        });
        return api;
    }
}
