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
    DateTime CreatedAt);

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

public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, string? NextCursor);

public sealed record MergeResult(CustomerDto Survivor, string MergedCode, int OrdersMoved, int InteractionsMoved, int ContactsMoved);

public sealed record MergePreview(long CustomerId, string Code, string Name, int Orders, int Interactions, int Contacts, int Tags, int Groups);

public sealed record CustomerFigures(int OrderCount, DateTime? FirstPurchase, DateTime? LastPurchase, decimal TotalSpend, decimal? AverageSpend);

public sealed record KindCount(CustomerKind Kind, long Customers);

public sealed record OwnerCount(long? OwnerId, long Customers);

public sealed record Overview(long Customers, long Orders, decimal Revenue365Days, IReadOnlyList<KindCount> ByKind, IReadOnlyList<OwnerCount> ByOwner);

public sealed record TagCount(string Tag, int Customers);

public sealed record StaffRef(long Id, string Name);
