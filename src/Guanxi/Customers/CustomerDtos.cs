using Guanxi.Domain.Customers;
using Guanxi.Security;

namespace Guanxi.Customers;

public sealed record GroupRef(long Id, string Name);

public sealed record ContactDto(
    long Id,
    string Name,
    string? Role,
    [property: PersonalData(PersonalKind.Phone)] string? Phone,
    [property: PersonalData(PersonalKind.Email)] string? Email,
    bool IsPrimary);

public sealed record ContactInput(string? Name, string? Role, string? Phone, string? Email, bool IsPrimary = false);

public sealed record CustomerDto(
    long Id,
    string Code,
    string? ExternalId,
    string Name,
    CustomerKind Kind,
    RelationshipType Relationship,
    [property: PersonalData(PersonalKind.Phone)] string? Phone,
    [property: PersonalData(PersonalKind.Email)] string? Email,
    [property: PersonalData(PersonalKind.Handle)] string? WeChatId,
    [property: PersonalData(PersonalKind.Address)] string? Address,
    string? Province,
    string? City,
    string? Industry,
    CompanySize CompanySize,
    string? Source,
    long? OwnerId,
    [property: PersonalData(PersonalKind.Hidden)] DateOnly? BirthDate,
    [property: PersonalData(PersonalKind.FreeText)] string? Notes,
    long? ReferredById,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version,
    IReadOnlyList<string> Tags,
    IReadOnlyList<GroupRef> Groups,
    IReadOnlyList<ContactDto> Contacts,
    [property: PersonalData(PersonalKind.CustomFields)] IReadOnlyDictionary<string, string> CustomFields);

public sealed record CustomerListItem(
    long Id,
    string Code,
    string Name,
    CustomerKind Kind,
    [property: PersonalData(PersonalKind.Phone)] string? Phone,
    [property: PersonalData(PersonalKind.Email)] string? Email,
    string? City,
    long? OwnerId,
    DateTime CreatedAt)
{
    /// <summary>The name's pinyin (王艳明 → wangyanming), shown beside the name and used to mark a pinyin match.</summary>
    public string NamePinyin { get; init; } = "";

    /// <summary>Live totals (the customer's rollup): paid amount, orders, the last order's and the last contact's time.</summary>
    public decimal Spend { get; init; }

    public int Orders { get; init; }
    public DateTime? LastPurchase { get; init; }
    public DateTime? LastContact { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Class keys in the latest model run (null: no run yet, or not applicable to this customer).</summary>
    public string? RfmSegment { get; init; }

    public string? ValueClass { get; init; }
    public string? MemberTier { get; init; }

    [PersonalData(PersonalKind.CustomFields)]
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// What a client may set on a customer. Code, version, timestamps and ids are deliberately absent:
/// they cannot be mass-assigned through JSON.
/// </summary>
public sealed record CustomerInput
{
    public string? Name { get; init; }
    public CustomerKind Kind { get; init; }
    public RelationshipType Relationship { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? WeChatId { get; init; }
    public string? Address { get; init; }
    public string? Province { get; init; }
    public string? City { get; init; }
    public string? Industry { get; init; }
    public CompanySize CompanySize { get; init; }
    public string? Source { get; init; }
    public long? OwnerId { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Notes { get; init; }
    public long? ReferredById { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }
}

public sealed record DuplicateMatch(long CustomerId, string Code, string Name, DuplicateReason Reason);

public sealed record CreatedCustomer(CustomerDto Customer, IReadOnlyList<DuplicateMatch> PossibleDuplicates);

/// <summary>
/// A page of the list. <paramref name="Total"/> counts the matching customers the caller may see up to
/// <see cref="CustomerQuery.MaxCount"/>; <paramref name="TotalCapped"/> means there are more (shown as "10 000+"): an exact
/// count of a million rows on every page would cost more than the page itself.
/// </summary>
public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, string? NextCursor, long Total = 0, bool TotalCapped = false);

public sealed record MergeResult(CustomerDto Survivor, string MergedCode, int OrdersMoved, int InteractionsMoved, int ContactsMoved);

public sealed record MergePreview(long CustomerId, string Code, string Name, int Orders, int Interactions, int Contacts, int Tags, int Groups)
{
    /// <summary>Side by side, per profile field, the survivor's and the merged record's value (masked as for the viewer).</summary>
    public IReadOnlyList<MergeFieldValues> Fields { get; init; } = [];
}

/// <summary>
/// A customer's merge fields as text, classified like <see cref="CustomerDto"/>'s, so <see cref="PersonalData.ForCaller{T}"/>
/// masks them as every other answer is masked (the owner is given by name).
/// </summary>
public sealed record MergeProfile(
    string? Name,
    [property: PersonalData(PersonalKind.Phone)] string? Phone,
    [property: PersonalData(PersonalKind.Email)] string? Email,
    [property: PersonalData(PersonalKind.Handle)] string? WeChat,
    [property: PersonalData(PersonalKind.Address)] string? Address,
    string? Province,
    string? City,
    string? Industry,
    string? Source,
    string? Owner,
    [property: PersonalData(PersonalKind.Hidden)] string? BirthDate,
    [property: PersonalData(PersonalKind.FreeText)] string? Notes)
{
    /// <summary>The profile from each field's value (<see cref="Guanxi.Domain.Customers.MergeFields.All"/> names them).</summary>
    public static MergeProfile Of(Func<string, string?> value) => new(value("name"), value("phone"), value("email"), value("wechat"), value("address"),
        value("province"), value("city"), value("industry"), value("source"), value("owner"), value("birthDate"), value("notes"));

    /// <summary>The values in <see cref="Guanxi.Domain.Customers.MergeFields.All"/> order.</summary>
    public IReadOnlyList<string?> Values() => [Name, Phone, Email, WeChat, Address, Province, City, Industry, Source, Owner, BirthDate, Notes];
}

/// <summary>One row of the merge field picker: <see cref="Guanxi.Domain.Customers.MergeFields.All"/> names the field.</summary>
public sealed record MergeFieldValues(string Field, string? Survivor, string? Merged);

/// <summary>A merge as the surviving customer's history tells it: who, when, which customer, which fields came from it.</summary>
public sealed record MergeHistoryEntry(DateTime At, string? By, string MergedCode, string? MergedName, IReadOnlyList<string> FieldsFromMerged);

/// <summary>A customer's purchase figures, money in the base currency; <paramref name="UnconvertedOrders"/> had no rate for their month and are left out of it.</summary>
public sealed record CustomerFigures(int OrderCount, DateTime? FirstPurchase, DateTime? LastPurchase, decimal TotalSpend, decimal? AverageSpend, int UnconvertedOrders = 0);

public sealed record KindCount(CustomerKind Kind, long Customers);

public sealed record OwnerCount(long? OwnerId, long Customers);

/// <summary>
/// The home figures. <see cref="Revenue12Months"/> is the revenue of the last 12 calendar months, the current one included,
/// in <see cref="Currency"/> (the base currency); <see cref="UnconvertedOrders"/> orders of those months had no rate for
/// their month and are not in it.
/// </summary>
public sealed record Overview(long Customers, long Orders, decimal Revenue12Months, IReadOnlyList<KindCount> ByKind, IReadOnlyList<OwnerCount> ByOwner,
    string Currency = Domain.Orders.CurrencyRates.DefaultBase, long UnconvertedOrders = 0);

public sealed record TagCount(string Tag, int Customers);

public sealed record StaffRef(long Id, string Name);
