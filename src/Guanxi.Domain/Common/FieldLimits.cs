namespace Guanxi.Domain.Common;

/// <summary>Lengths shared by the EF configuration, the API validators and the importers.</summary>
public static class FieldLimits
{
    public const int Code = 32;
    public const int ExternalId = 64;
    public const int Name = 200;
    public const int Phone = 32;
    public const int Email = 254;
    public const int WeChat = 64;
    public const int Address = 500;
    public const int Region = 64;
    public const int Industry = 100;
    public const int Source = 100;
    public const int Notes = 4000;
    public const int Tag = 64;
    public const int GroupName = 100;
    public const int ContactRole = 100;
    public const int OrderNumber = 64;
    public const int Currency = 3;
    public const int Channel = 32;
    public const int Product = 200;
    public const int Subject = 300;
    public const int Body = 20000;
    public const int CustomFieldKey = 64;
    public const int CustomFieldValue = 1000;
}
