using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Guanxi.Tests.Security;

/// <summary>
/// Search audit rows are written in batches off the request path (issue 12; decision 0015's next step): a search does
/// not wait for its row's commit, the row still arrives, and rows queued when the host stops are all written.
/// The audit table is held locked by the test to make "not yet written" last as long as the test needs.
/// </summary>
[ClockIndependent] // the audit queue's delivery: no dates
public class SearchAuditQueueTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_search_answers_while_its_audit_row_cannot_be_written_and_the_row_follows(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        await app.Client().CreateCustomer("王小明");
        var http = app.ClientAs(Roles.Marketer, null, out var userId);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/customers")).StatusCode); // warm: no q, no row

        await using (await AuditTableHold.TakeAsync(db))
        {
            var search = http.GetAsync("/api/v1/customers?q=" + Uri.EscapeDataString("王小明"));
            var first = await Task.WhenAny(search, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.True(first == search, "the search waited for its audit row to be committed");
            Assert.Equal(HttpStatusCode.OK, (await search).StatusCode);
        }

        await app.FlushAuditAsync();
        await using var ctx = db.CreateContext();
        var row = await ctx.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "search" && e.UserId == userId);
        Assert.Contains("王小明", row.After, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_search_row_still_queued_when_the_host_stops_is_written(DatabaseProvider provider)
    {
        const int searches = 40;
        await using var db = await TestDatabase.CreateAsync(provider);
        var app = new GuanxiApp(db);
        await using var appLease = app;
        var http = app.ClientAs(Roles.Analyst, null, out var userId);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/customers")).StatusCode);

        var hold = await AuditTableHold.TakeAsync(db);
        for (var i = 0; i < searches; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/v1/customers?q=probe{i}")).StatusCode);
        // The writer is stuck on the lock with the rows queued. Release it only once the host has begun to stop, so the
        // rows are written by the drain on stop, not by the ordinary loop before it.
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        var stopped = app.DisposeAsync().AsTask();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await hold.DisposeAsync();
        await stopped.WaitAsync(TimeSpan.FromSeconds(60));

        await using var ctx = db.CreateContext();
        var texts = await ctx.AuditEvents.AsNoTracking().Where(e => e.Action == "search" && e.UserId == userId).Select(e => e.After!).ToListAsync();
        Assert.Equal(searches, texts.Count);
        for (var i = 0; i < searches; i++) Assert.Contains(texts, t => t.Contains($"\"probe{i}\"", StringComparison.Ordinal));
    }

    /// <summary>Blocks inserts into audit_events (reads go on) until disposed.</summary>
    private sealed class AuditTableHold : IAsyncDisposable
    {
        private readonly System.Data.Common.DbConnection _connection;
        private readonly System.Data.Common.DbTransaction? _transaction;

        private AuditTableHold(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        public static async Task<AuditTableHold> TakeAsync(TestDatabase db)
        {
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // SQLite locks the whole file for writing; in WAL mode readers are not blocked.
                var sqlite = new SqliteConnection(db.Target.ConnectionString);
                await sqlite.OpenAsync();
                await using (var begin = sqlite.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE";
                    await begin.ExecuteNonQueryAsync();
                }
                return new AuditTableHold(sqlite, null);
            }
            var postgres = new NpgsqlConnection(db.Target.ConnectionString);
            await postgres.OpenAsync();
            var tx = await postgres.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE audit_events IN EXCLUSIVE MODE", postgres, tx))
                await lockTable.ExecuteNonQueryAsync();
            return new AuditTableHold(postgres, tx);
        }

        public async ValueTask DisposeAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.RollbackAsync();
                await _transaction.DisposeAsync();
            }
            else
            {
                await using var rollback = _connection.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync();
            }
            await _connection.DisposeAsync();
        }
    }
}
