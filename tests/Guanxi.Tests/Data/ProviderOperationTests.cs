using Guanxi.Data;
using Guanxi.Data.Bulk;
using Guanxi.Data.Import;
using Guanxi.Data.Models;
using Guanxi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Data;

/// <summary>The configured database picks each named operation's implementation (decision 0013): never the other provider's.</summary>
public class ProviderOperationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_named_operation_is_the_configured_databases_own(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var prefix = provider == DatabaseProvider.Postgres ? "Postgres" : "Sqlite";
        var namespacePrefix = provider == DatabaseProvider.Postgres ? "Guanxi.Data.Postgres." : "Guanxi.Data.Sqlite.";
        foreach (var operation in new[]
        {
            typeof(IProviderDays), typeof(IBulkInsert), typeof(IImportBatches), typeof(ICustomerScan), typeof(IOrderScan),
            typeof(IOrderHistoryStore), typeof(IModelResultStore),
        })
        {
            var implementation = app.Services.GetRequiredService(operation).GetType();
            Assert.StartsWith(prefix, implementation.Name, StringComparison.Ordinal);
            Assert.StartsWith(namespacePrefix, implementation.FullName, StringComparison.Ordinal);
        }
    }
}
