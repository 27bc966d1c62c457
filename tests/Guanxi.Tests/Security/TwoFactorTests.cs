using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Guanxi.Data;
using Guanxi.Data.Security;
using Guanxi.Tests.Api;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Security;

public class TwoFactorTests
{
    [Fact]
    public async Task With_two_factor_on_sign_in_needs_the_authenticator_code()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new GuanxiApp(db);
        app.CreateUser("zhou", Roles.SalesRep);
        var http = app.ClientWithToken(app.TokenFor("zhou"));

        var setup = await http.PostOk("/api/v1/account/two-factor/setup", new { }, HttpStatusCode.OK);
        var key = setup.GetProperty("sharedKey").GetString()!;
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("authenticatorUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.Send(HttpMethod.Post, "/api/v1/account/two-factor/enable", new { code = "000000" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await http.Send(HttpMethod.Post, "/api/v1/account/two-factor/enable", new { code = Totp(key, app.Clock.GetUtcNow()) })).Status);

        Assert.Equal("/signin?error=2fa", SignInForm.Location(await SignInForm.PostAsync(app, "zhou", GuanxiApp.TestPassword)));
        // The server checks codes on its own clock: ten minutes on, the earlier code is stale and the new one works.
        var earlier = Totp(key, app.Clock.GetUtcNow());
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("/signin?error=2fa", SignInForm.Location(await SignInForm.PostAsync(app, "zhou", GuanxiApp.TestPassword, earlier)));
        Assert.Equal("/", SignInForm.Location(await SignInForm.PostAsync(app, "zhou", GuanxiApp.TestPassword, Totp(key, app.Clock.GetUtcNow()))));
    }

    /// <summary>RFC 6238 with SHA-1, 30-second steps and 6 digits, as authenticator apps compute it.</summary>
    private static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
