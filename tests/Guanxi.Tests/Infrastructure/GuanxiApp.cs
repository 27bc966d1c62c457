using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Guanxi.Testing;

namespace Guanxi.Tests.Infrastructure;

/// <summary>
/// The real app in-process (WebApplicationFactory) on a test database. <see cref="Client"/> is signed in as the
/// admin (a bearer token made in the fixture); <see cref="ClientAs"/> makes a user of any role and signs in as them.
/// </summary>
public sealed class GuanxiApp(TestDatabase database, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string TestPassword = "Test-password-1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly PasswordHasher<GuanxiUser> Hasher = new();
    private static int _users;

    public TestDatabase Database { get; } = database;

    /// <summary>The app's clock: standing still at <see cref="TestClock.Start"/> until a test advances it.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Create();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Guanxi", Database.Target.ConnectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Security:SignInsPerMinute", "1000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client authenticated as the `admin` user created on first start.</summary>
    public HttpClient Client() => ClientWithToken(TokenFor("admin"));

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Creates a user with <paramref name="role"/> (and team) and returns a client authenticated as them.</summary>
    public HttpClient ClientAs(string role, string? team = null) => ClientAs(role, team, out _);

    public HttpClient ClientAs(string role, string? team, out long userId)
    {
        var name = $"{role}-{Interlocked.Increment(ref _users)}";
        userId = CreateUser(name, role, team);
        return ClientWithToken(TokenFor(name));
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A user straight in the database (password <see cref="TestPassword"/>); the team is created when missing.</summary>
    public long CreateUser(string userName, string role, string? team = null, string? parentTeam = null)
    {
        _ = Services; // the server has started: migrations, roles and the admin exist
        using var db = Database.CreateContext();
        long? teamId = team is null ? null : EnsureTeam(db, team, parentTeam);
        var user = new GuanxiUser
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            DisplayName = userName,
            TeamId = teamId,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.PasswordHash = Hasher.HashPassword(user, TestPassword);
        db.Users.Add(user);
        db.SaveChanges();
        db.UserRoles.Add(new IdentityUserRole<long> { UserId = user.Id, RoleId = db.Roles.Single(r => r.Name == role).Id });
        db.SaveChanges();
        return user.Id;
    }

    public static long EnsureTeam(GuanxiDbContext db, string name, string? parent = null)
    {
        if (db.Teams.FirstOrDefault(t => t.Name == name) is { } existing) return existing.Id;
        long? parentId = parent is null ? null : EnsureTeam(db, parent);
        var team = new Team { Name = name, ParentId = parentId };
        db.Teams.Add(team);
        db.SaveChanges();
        return team.Id;
    }

    /// <summary>A fresh token for the user, written the way the CLI writes it (only the hash is stored).</summary>
    public string TokenFor(string userName, DateTime? expiresAt = null)
    {
        _ = Services;
        using var db = Database.CreateContext();
        var userId = db.Users.Where(u => u.NormalizedUserName == userName.ToUpperInvariant()).Select(u => u.Id).Single();
        var secret = StaffDirectory.TokenPrefix + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        db.AccessTokens.Add(new AccessToken
        {
            UserId = userId,
            Name = "test",
            Hash = StaffDirectory.HashOf(secret),
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt,
        });
        db.SaveChanges();
        return secret;
    }

    /// <summary>Waits until the search audit rows queued so far are in the database (they are written in batches).</summary>
    public Task FlushAuditAsync() => Services.GetRequiredService<Audit.AuditQueue>().FlushAsync();

    public long UserId(string userName)
    {
        using var db = Database.CreateContext();
        return db.Users.AsNoTracking().Where(u => u.NormalizedUserName == userName.ToUpperInvariant()).Select(u => u.Id).Single();
    }
}
