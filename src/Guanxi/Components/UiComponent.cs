using System.Globalization;
using Guanxi.Common;
using Microsoft.AspNetCore.Components;

namespace Guanxi.Components;

/// <summary>The base of every page and part: the texts and formats of the reader's culture.</summary>
public abstract class UiComponent : ComponentBase
{
    protected static CultureInfo Culture => CultureInfo.CurrentCulture;

    protected static Texts T => Texts.Current;

    private string? _baseCurrency;

    [Inject]
    private IServiceProvider ComponentServices { get; set; } = default!;

    /// <summary>The currency converted figures are in (<c>Currency:Base</c>, default CNY).</summary>
    protected string BaseCurrency => _baseCurrency ??=
        ComponentServices?.GetService(typeof(Microsoft.Extensions.Options.IOptions<Orders.CurrencyOptions>)) is Microsoft.Extensions.Options.IOptions<Orders.CurrencyOptions> options
            ? options.Value.BaseCode
            : Domain.Orders.CurrencyRates.DefaultBase;

    /// <summary>A figure in the base currency: ¥ for CNY, else the code (USD 1,200.00). An order's own amount goes through <see cref="Amount"/>.</summary>
    protected string Money(decimal amount) => Formats.Amount(amount, BaseCurrency, Culture);

    protected string Money(decimal? amount) => amount is { } a ? Money(a) : "—";

    protected static string Amount(decimal amount, string currency) => Formats.Amount(amount, currency, Culture);

    protected static string Number(long value) => Formats.Number(value, Culture);

    protected static string Date(DateTime? value) => value is { } v ? Formats.Date(v, Culture) : "—";

    protected static string Date(DateOnly? value) => value is { } v ? Formats.Date(v, Culture) : "—";

    protected static string When(DateTime value) => Formats.DateTime(value, Culture);

    /// <summary>A record's UTC stamp (created, updated) as the server's local date; business times (orders, interactions) are already local.</summary>
    protected static string StampDate(DateTime utc) => Formats.Date(DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime(), Culture);

    /// <summary>The message to show for an exception thrown by a service (validation messages go beside their fields instead).</summary>
    protected static string MessageOf(Exception e) => e switch
    {
        NotFoundException => T.NotFound,
        ConcurrencyConflictException => T.ChangedMeanwhile,
        ConflictException c => T.Translate(c.Message),
        ValidationException v => string.Join(" ", v.Errors.Values.SelectMany(x => x).Select(T.Translate)),
        _ => T.SomethingWentWrong,
    };
}
