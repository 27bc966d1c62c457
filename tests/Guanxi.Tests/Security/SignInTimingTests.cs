using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Guanxi.Tests.Security;

/// <summary>
/// Issue 12: user names could be told apart by sign-in time (14 ms for an unknown name, 141 ms for a known one: the
/// password hash). Measured without a stopwatch: an unknown name must cost the same PBKDF2 check as a known one.
/// </summary>
[ClockIndependent]
public class SignInTimingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_user_name_costs_the_same_password_check_as_a_known_one(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var app = new GuanxiApp(db);
        app.CreateUser("chen.jing", Roles.SalesRep);
        var hasher = new CountingHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<GuanxiUser>>(hasher)));

        Assert.Equal("/signin?error=1", SignInForm.Location(await SignInForm.PostAsync(counted, "chen.jing", "wrong-password-1")));
        Assert.Equal(1, hasher.TakeChecks());
        foreach (var unknown in new[] { "chen.jin", "nobody-at-all", "" })
        {
            Assert.Equal("/signin?error=1", SignInForm.Location(await SignInForm.PostAsync(counted, unknown, "wrong-password-1")));
            Assert.True(hasher.TakeChecks() == 1, $"'{unknown}': the password was not checked against a hash");
        }
        Assert.Equal("/", SignInForm.Location(await SignInForm.PostAsync(counted, "chen.jing", GuanxiApp.TestPassword)));
        Assert.Equal(1, hasher.TakeChecks());
    }

    /// <summary>Identity's own hasher, counting its checks.</summary>
    private sealed class CountingHasher : IPasswordHasher<GuanxiUser>
    {
        private readonly PasswordHasher<GuanxiUser> _inner = new();
        private int _checks;

        public int TakeChecks() => Interlocked.Exchange(ref _checks, 0);

        public string HashPassword(GuanxiUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(GuanxiUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _checks);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
