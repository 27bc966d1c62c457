using System.Globalization;

namespace Guanxi.Domain.Customers;

public enum CustomFieldType
{
    Text = 0,
    Number = 1,
    Date = 2,
    Choice = 3,
}

/// <summary>An admin-defined field on customers.</summary>
public sealed class CustomFieldDefinition
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public CustomFieldType Type { get; set; }

    /// <summary>Allowed values of a choice field, one per line.</summary>
    public string? Choices { get; set; }

    public bool Required { get; set; }

    public IReadOnlyList<string> ChoiceList =>
        Choices is null ? [] : Choices.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Checks a value against the field's type; returns the stored (canonical) text or an error.</summary>
    public bool TryNormalize(string? raw, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            if (Required) error = $"{Label} is required.";
            return error is null;
        }
        raw = raw.Trim();
        switch (Type)
        {
            case CustomFieldType.Text:
                if (raw.Length > Common.FieldLimits.CustomFieldValue) error = $"{Label} is longer than {Common.FieldLimits.CustomFieldValue} characters.";
                else value = raw;
                break;
            case CustomFieldType.Number:
                if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) value = number.ToString(CultureInfo.InvariantCulture);
                else error = $"{Label} must be a number.";
                break;
            case CustomFieldType.Date:
                if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) value = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                else error = $"{Label} must be a date YYYY-MM-DD.";
                break;
            case CustomFieldType.Choice:
                if (ChoiceList.Contains(raw, StringComparer.Ordinal)) value = raw;
                else error = $"{Label} must be one of: {string.Join(", ", ChoiceList)}.";
                break;
        }
        return error is null;
    }
}

public sealed class CustomFieldValue
{
    public long CustomerId { get; set; }
    public long FieldId { get; set; }
    public string Value { get; set; } = "";
}
