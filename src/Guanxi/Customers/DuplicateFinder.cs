using Guanxi.Data;
using Guanxi.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Guanxi.Customers;

/// <summary>Likely duplicates: the same normalised phone, the same email, or the same organisation name.</summary>
internal static class DuplicateFinder
{
    private const int MaxMatches = 20;

    public static async Task<IReadOnlyList<DuplicateMatch>> FindAsync(GuanxiDbContext db, CustomerInput input, long? excludeId, CancellationToken ct)
    {
        var matches = new List<DuplicateMatch>();
        var customers = db.Customers.AsNoTracking().Where(c => c.Id != excludeId);
        if (PhoneNumber.Digits(input.Phone) is { Length: >= 5 } digits)
        {
            matches.AddRange(await customers.Where(c => c.PhoneDigits == digits).Take(MaxMatches)
                .Select(c => new DuplicateMatch(c.Id, c.Code, c.Name, DuplicateReason.SamePhone)).ToListAsync(ct));
        }
        if (EmailAddress.Normalize(input.Email) is { } email)
        {
            matches.AddRange(await customers.Where(c => c.EmailNormalized == email).Take(MaxMatches)
                .Select(c => new DuplicateMatch(c.Id, c.Code, c.Name, DuplicateReason.SameEmail)).ToListAsync(ct));
        }
        if (input.Kind == CustomerKind.Organisation && CustomerService.Clean(input.Name) is { } name)
        {
            matches.AddRange(await customers.Where(c => c.Kind == CustomerKind.Organisation && c.Name == name).Take(MaxMatches)
                .Select(c => new DuplicateMatch(c.Id, c.Code, c.Name, DuplicateReason.SameOrganisationName)).ToListAsync(ct));
        }
        return matches;
    }
}
