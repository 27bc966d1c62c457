using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Guanxi.Tests.Security;

/// <summary>
/// The caller's scope is resolved once per request from a cached team tree, and a customer's record is read in one
/// query: GET /api/v1/customers/{id} costs at most three queries (token, scope, record), for a manager in a team tree.
/// </summary>
[ClockIndependent] // query counts and team reach: no dates
public class ScopeQueryTests
{
    /// <summary>Counts the commands EF Core sends to one database (other tests run in parallel on their own databases).</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _database;
        private readonly IDisposable _subscription;
        private readonly ConcurrentQueue<string> _commands = new();
        private readonly List<IDisposable> _listeners = [];

        public CommandCounter(string database)
        {
            _database = database;
            _subscription = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public bool Counting { get; set; }

        public IReadOnlyCollection<string> Commands => _commands;

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name) lock (_listeners) _listeners.Add(value.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (!Counting || value.Key != RelationalEventId.CommandExecuting.Name || value.Value is not CommandEventData data) return;
            var connection = data.Command.Connection;
            if (connection is null || !(connection.DataSource.Contains(_database, StringComparison.Ordinal) || connection.Database == _database)) return;
            _commands.Enqueue(data.Command.CommandText);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _subscription.Dispose();
            lock (_listeners) _listeners.ForEach(l => l.Dispose());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reading_a_customer_takes_at_most_three_queries_and_a_new_team_is_seen_at_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        var w = await AccessMatrixTests.SeedAsync(app);
        var manager = app.ClientAs(Roles.SalesManager, "华东");
        await manager.GetOk($"/api/v1/customers/{w.A}"); // warm: the team tree is read once
        var name = db.Provider == DatabaseProvider.Sqlite ? Path.GetFileName(db.DbArgument) : new Npgsql.NpgsqlConnectionStringBuilder(db.Target.ConnectionString).Database!;
        using var counter = new CommandCounter(name);
        counter.Counting = true;
        var customer = await manager.GetOk($"/api/v1/customers/{w.A}");
        counter.Counting = false;
        Assert.Equal("甲公司", customer.GetProperty("name").GetString());
        Assert.True(counter.Commands.Count <= 3, $"{counter.Commands.Count} queries:\n" + string.Join("\n---\n", counter.Commands));

        // A team added below the manager's region after the tree was cached: its members' customers are in reach at once.
        var newRep = app.CreateUser("rep-new", Roles.SalesRep, "上海二组", "华东");
        var c = await app.Client().CreateCustomer("丙公司");
        await app.Client().Send(HttpMethod.Put, $"/api/v1/customers/{c}", new { name = "丙公司", ownerId = newRep });
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/customers/{c}")).StatusCode);
    }
}
