using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Guanxi.Data;
using Microsoft.AspNetCore.Identity;

namespace Guanxi.Security;

/// <summary>
/// Checks authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) against the product's clock.
/// Identity's own provider reads the wall clock; this one takes the injected <see cref="TimeProvider"/>, so the
/// codes a test computes on its fixed clock are the codes the server expects. Keys are Identity's (Base32).
/// </summary>
public sealed class AuthenticatorCodes(TimeProvider time) : AuthenticatorTokenProvider<GuanxiUser>
{
    /// <summary>Steps either side of now that still count: an authenticator a minute off works, as with Identity's own.</summary>
    private const int Drift = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<GuanxiUser> manager, GuanxiUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            return false;
        var secret = Base32Decode(key);
        var step = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        for (var i = -Drift; i <= Drift; i++)
        {
            if (Code(secret, step + i) == code) return true;
        }
        return false;
    }

    /// <summary>The 6-digit code of one 30-second step.</summary>
    public static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0F;
        return (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF) % 1_000_000;
    }

    public static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int bits = 0, value = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var digit = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (digit < 0) continue; // Identity's keys have no separators; tolerate spaces from a copied key
            value = (value << 5) | digit;
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
