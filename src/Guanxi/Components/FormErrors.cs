using Guanxi.Common;

namespace Guanxi.Components;

/// <summary>The per-field messages of a service's <see cref="ValidationException"/>, ready to show beside each field.</summary>
public sealed class FormErrors
{
    private IDictionary<string, string[]> _errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public void Clear() => _errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

    public void Set(ValidationException e) => _errors = new Dictionary<string, string[]>(e.Errors, StringComparer.OrdinalIgnoreCase);

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? For(string field) =>
        _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages.Select(Texts.Current.Translate)) : null;

    /// <summary>Messages for fields the form has no input for (shown above the buttons).</summary>
    public IEnumerable<string> Others(params string[] shown) =>
        _errors.Where(e => !shown.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value).Select(Texts.Current.Translate);
}
