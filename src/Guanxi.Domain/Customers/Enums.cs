namespace Guanxi.Domain.Customers;

public enum CustomerKind
{
    Person = 0,
    Organisation = 1,
}

/// <summary>The relationship types of 000_*.txt: ordinary, enterprise, channel (distributor or agent), internal.</summary>
public enum RelationshipType
{
    Ordinary = 0,
    Enterprise = 1,
    Channel = 2,
    Internal = 3,
}

public enum CompanySize
{
    Unknown = 0,
    Micro = 1,
    Small = 2,
    Medium = 3,
    Large = 4,
}
