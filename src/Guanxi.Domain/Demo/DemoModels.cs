using Guanxi.Domain.Customers;
using Guanxi.Domain.Interactions;

namespace Guanxi.Domain.Demo;

/// <summary>What `guanxi demo` generates. <paramref name="Today"/> is passed in so the output never depends on the clock.</summary>
public sealed record DemoOptions(int Customers, long Orders, int Seed, DateOnly Today, int InteractionsPerCustomer = 3);

public sealed record DemoContact(string Name, string Role, string? Phone, string? Email, bool IsPrimary);

/// <summary>
/// One generated customer. <see cref="Index"/> is its position in creation order (0-based); the caller
/// assigns database ids and maps <see cref="ReferredByIndex"/> through them.
/// </summary>
public sealed record DemoCustomer(
    int Index,
    string Name,
    CustomerKind Kind,
    RelationshipType Relationship,
    string? Phone,
    string? Email,
    string? WeChatId,
    string? Province,
    string? City,
    string? Industry,
    CompanySize CompanySize,
    string? Source,
    DateOnly? BirthDate,
    DateTime CreatedAt,
    string? Notes,
    int? ReferredByIndex,
    IReadOnlyList<string> Tags,
    IReadOnlyList<DemoContact> Contacts,
    int? DuplicateOfIndex)
{
    /// <summary>Fills a domain customer; tags and contacts are left to the caller, which knows the database ids.</summary>
    public Customer ToCustomer(long id, string code, long? referredById)
    {
        var customer = new Customer
        {
            Id = id,
            Code = code,
            Name = Name,
            Kind = Kind,
            Relationship = Relationship,
            WeChatId = WeChatId,
            Province = Province,
            City = City,
            Industry = Industry,
            CompanySize = CompanySize,
            Source = Source,
            BirthDate = BirthDate,
            Notes = Notes,
            ReferredById = referredById,
            CreatedAt = CreatedAt,
            UpdatedAt = CreatedAt,
        };
        customer.SetPhone(Phone);
        customer.SetEmail(Email);
        return customer;
    }
}

public sealed record DemoOrderLine(string Product, int Quantity, long UnitPriceCents);

/// <summary>One generated order; <see cref="OrderedAt"/> is business-local time. Lines, when present, sum to the amount.</summary>
public sealed record DemoOrder(
    int CustomerIndex,
    DateTime OrderedAt,
    long AmountCents,
    string Channel,
    IReadOnlyList<DemoOrderLine> Lines,
    DateOnly? InvoiceDueDate,
    DateOnly? PaidDate);

public sealed record DemoInteraction(
    int CustomerIndex,
    DateTime OccurredAt,
    InteractionChannel Channel,
    InteractionDirection Direction,
    string Subject,
    string Body);
