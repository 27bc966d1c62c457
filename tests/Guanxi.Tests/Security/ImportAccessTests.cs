using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Import;
using Guanxi.Security;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

[ClockIndependent] // who may import over whom: no dates
public class ImportAccessTests
{
    /// <summary>Imports match and overwrite customers set-based, below the per-record rule: only an admin may run one.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_rep_cannot_import_over_customers(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app);
        var before = await AccessMatrixTests.SnapshotAsync(db, w);
        var file = Path.Combine(Directory.CreateTempSubdirectory("guanxi-import-access").FullName, "c.csv");
        await File.WriteAllTextAsync(file, "customer_id,name,phone\nX1,乙公司,13933334444\n");

        var scope = await app.Services.GetRequiredService<ScopeResolver>().ResolveAsync(w.RepA, null, CancellationToken.None);
        var import = app.Services.GetRequiredService<ImportService>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => CurrentUser.RunAsAsync(scope, () =>
            import.RunAsync(ImportKind.Customers, file, new ImportOptions(), null, null, CancellationToken.None)));

        Assert.Equal(before, await AccessMatrixTests.SnapshotAsync(db, w));
        await using var ctx = db.CreateContext();
        Assert.Equal(2, await ctx.Customers.CountAsync());
    }
}
