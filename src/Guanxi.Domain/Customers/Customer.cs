using Guanxi.Domain.Text;

namespace Guanxi.Domain.Customers;

/// <summary>A person or organisation the business sells to or serves.</summary>
public sealed class Customer
{
    public long Id { get; set; }

    /// <summary>Generated from the code pattern, or kept from an import; never reused or changed.</summary>
    public string Code { get; set; } = "";

    /// <summary>The id this customer has in the system it was imported from (the file's customer_id).</summary>
    public string? ExternalId { get; set; }

    private string _name = "";

    /// <summary>Setting the name also sets its pinyin and initials (search: `lei`, `wym` find 王艳明; decision 0021).</summary>
    public string Name
    {
        get => _name;
        set
        {
            _name = value;
            (NamePinyin, NameInitials) = Pinyin.Of(value);
        }
    }

    /// <summary>The name's full toneless pinyin without spaces (王艳明 → wangyanming); kept by <see cref="Name"/>.</summary>
    public string NamePinyin { get; private set; } = "";

    /// <summary>The name's pinyin initials (王艳明 → wym); kept by <see cref="Name"/>.</summary>
    public string NameInitials { get; private set; } = "";
    public CustomerKind Kind { get; set; }
    public RelationshipType Relationship { get; set; }

    public string? Phone { get; set; }

    /// <summary>Digits only, without a +86 prefix: the key for phone search and duplicate detection.</summary>
    public string? PhoneDigits { get; set; }

    public string? Email { get; set; }

    /// <summary>Lower-cased, trimmed email: the key for duplicate detection.</summary>
    public string? EmailNormalized { get; set; }

    public string? WeChatId { get; set; }
    public string? Address { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
    public string? Industry { get; set; }
    public CompanySize CompanySize { get; set; }
    public string? Source { get; set; }
    public long? OwnerId { get; set; }

    /// <summary>Birthday of a person or founding date of an organisation.</summary>
    public DateOnly? BirthDate { get; set; }

    public string? Notes { get; set; }
    public long? ReferredById { get; set; }

    /// <summary>The lead grade (S/A/B/C/D), why and when it was set; null for a customer nobody has graded.</summary>
    public Sales.LeadGrade? Grade { get; set; }

    public string? GradeReason { get; set; }
    public DateTime? GradeSetAt { get; set; }

    /// <summary>When the lead was converted into a customer (its grade ended; the record and its history stay); null if never.</summary>
    public DateTime? ConvertedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every update (the API's ETag).</summary>
    public long Version { get; set; }

    public List<CustomerTag> Tags { get; set; } = [];
    public List<CustomerGroupMember> Groups { get; set; } = [];
    public List<Contact> Contacts { get; set; } = [];
    public List<CustomFieldValue> CustomFields { get; set; } = [];

    /// <summary>Sets phone and email together with their normalised search keys.</summary>
    public void SetPhone(string? phone)
    {
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        PhoneDigits = PhoneNumber.Digits(Phone);
    }

    public void SetEmail(string? email)
    {
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        EmailNormalized = EmailAddress.Normalize(Email);
    }
}

public sealed class CustomerTag
{
    public long CustomerId { get; set; }
    public string Tag { get; set; } = "";
}

/// <summary>A user-defined group (重要客户, 集团客户, …); a customer can be in any number of them.</summary>
public sealed class CustomerGroup
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class CustomerGroupMember
{
    public long CustomerId { get; set; }
    public long GroupId { get; set; }
    public CustomerGroup? Group { get; set; }
}

/// <summary>A person at an organisation customer.</summary>
public sealed class Contact
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string? Role { get; set; }
    public string? Phone { get; set; }
    public string? PhoneDigits { get; set; }
    public string? Email { get; set; }
    public bool IsPrimary { get; set; }
}

/// <summary>
/// A saved view of the customer list ("我的有风险客户"): the list's filters and sort as its query string, and the columns
/// shown. The owner's own, or shared with the owner's team (everyone when the owner has no team). A view holds only
/// filters: whoever opens it still sees only the customers they may see.
/// </summary>
public sealed class CustomerListView
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The filters and sort, in the query-string form <c>GET /api/v1/customers</c> takes (<c>tag=vip&amp;sort=Name</c>).</summary>
    public string Query { get; set; } = "";

    /// <summary>The visible columns, comma-separated keys; empty for the list's default.</summary>
    public string Columns { get; set; } = "";

    public bool Shared { get; set; }

    /// <summary>The owner's team when the view was shared; null with <see cref="Shared"/> means everyone.</summary>
    public long? TeamId { get; set; }

    public DateTime CreatedAt { get; set; }

    public const int NameMaxLength = 100;
    public const int QueryMaxLength = 1000;
    public const int ColumnsMaxLength = 500;
}
