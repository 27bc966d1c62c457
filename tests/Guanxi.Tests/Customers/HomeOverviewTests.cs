using Guanxi.Customers;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Customers;

/// <summary>
/// The home page's figures are kept per reach for ten minutes (issue 18: at 1M customers and 10M orders their counts
/// took seconds on every visit), except an empty count, so a first import shows at once. Caching is the service's,
/// not the provider's: SQLite only.
/// </summary>
public class HomeOverviewTests
{
    [Fact]
    public async Task The_home_figures_are_kept_for_ten_minutes_and_an_empty_count_is_not_kept()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        var http = app.Client();
        var customers = app.Services.GetRequiredService<CustomerService>();
        Task<Overview> Figures() => CurrentUser.RunAsAsync(AccessScope.System, () => customers.OverviewAsync());

        Assert.Equal(0, (await Figures()).Customers);
        await http.CreateCustomer("甲公司");
        Assert.Equal(1, (await Figures()).Customers); // the empty count was not kept
        await http.CreateCustomer("乙公司");
        Assert.Equal(1, (await Figures()).Customers); // kept

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(2, (await Figures()).Customers);
    }
}
