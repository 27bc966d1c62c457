namespace Guanxi.Domain.Customers;

/// <summary>What a merge did: the absorbed customer's code and a JSON snapshot of its profile.</summary>
public sealed class CustomerMerge
{
    public long Id { get; set; }
    public long SurvivorId { get; set; }
    public long MergedId { get; set; }
    public string MergedCode { get; set; } = "";
    public string MergedSnapshot { get; set; } = "";
    public int OrdersMoved { get; set; }
    public int InteractionsMoved { get; set; }
    public int ContactsMoved { get; set; }
    public long? MergedByUserId { get; set; }
    public DateTime MergedAt { get; set; }
}

public enum DuplicateReason
{
    SamePhone = 0,
    SameEmail = 1,
    SameOrganisationName = 2,
}

public enum DuplicateStatus
{
    Open = 0,
    Dismissed = 1,
    Merged = 2,
}

/// <summary>A likely duplicate flagged for a person to review; imports never merge on their own.</summary>
public sealed class DuplicateCandidate
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public long DuplicateOfId { get; set; }
    public DuplicateReason Reason { get; set; }
    public DuplicateStatus Status { get; set; }
    public DateTime FoundAt { get; set; }
}

/// <summary>The next running number of each code prefix; a code once issued is never issued again.</summary>
public sealed class CodeSequence
{
    public string Prefix { get; set; } = "";
    public long NextValue { get; set; }
}

/// <summary>
/// The profile fields of a merge the user chooses per field: each named field takes the merged record's value; every
/// other field keeps the survivor's, filled from the merged record where the survivor has none (notes are joined).
/// </summary>
public static class MergeFields
{
    public static readonly IReadOnlyList<string> All =
        ["name", "phone", "email", "wechat", "address", "province", "city", "industry", "source", "owner", "birthDate", "notes"];

    /// <summary>The field's value on a customer, as text (for the side-by-side picker); null when empty.</summary>
    public static string? ValueOf(Customer c, string field) => field switch
    {
        "name" => c.Name,
        "phone" => c.Phone,
        "email" => c.Email,
        "wechat" => c.WeChatId,
        "address" => c.Address,
        "province" => c.Province,
        "city" => c.City,
        "industry" => c.Industry,
        "source" => c.Source,
        "owner" => c.OwnerId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "birthDate" => c.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "notes" => c.Notes,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a merge field."),
    };

    /// <summary>
    /// Applies the merged record's profile to the survivor and returns the fields whose value now comes from it
    /// (chosen, or filling a gap), in <see cref="All"/> order. A chosen field the merged record leaves empty keeps the survivor's value.
    /// </summary>
    public static IReadOnlyList<string> Apply(Customer survivor, Customer merged, IReadOnlyCollection<string> takeFromMerged, int notesLimit)
    {
        var taken = new List<string>();
        foreach (var field in All)
        {
            var theirs = ValueOf(merged, field);
            if (theirs is null) continue;
            var mine = ValueOf(survivor, field);
            var chosen = takeFromMerged.Contains(field);
            if (field == "notes" && !chosen && mine is not null)
            {
                var joined = mine + "\n" + theirs;
                survivor.Notes = joined.Length > notesLimit ? joined[..notesLimit] : joined;
                taken.Add(field);
                continue;
            }
            if (!chosen && mine is not null) continue;
            if (chosen && mine == theirs) continue;
            switch (field)
            {
                case "name": survivor.Name = merged.Name; break;
                case "phone": survivor.SetPhone(merged.Phone); break;
                case "email": survivor.SetEmail(merged.Email); break;
                case "wechat": survivor.WeChatId = merged.WeChatId; break;
                case "address": survivor.Address = merged.Address; break;
                case "province": survivor.Province = merged.Province; break;
                case "city": survivor.City = merged.City; break;
                case "industry": survivor.Industry = merged.Industry; break;
                case "source": survivor.Source = merged.Source; break;
                case "owner": survivor.OwnerId = merged.OwnerId; break;
                case "birthDate": survivor.BirthDate = merged.BirthDate; break;
                case "notes": survivor.Notes = merged.Notes; break;
            }
            taken.Add(field);
        }
        return taken;
    }
}
