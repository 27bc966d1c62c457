namespace Guanxi.Common;

/// <summary>The record does not exist (or, once access rules apply, is not the caller's to see).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>Input that breaks a rule; one message per invalid field, as RFC 7807 "errors".</summary>
public sealed class ValidationException(IDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The record changed since the caller read it (stale If-Match or version).</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);

/// <summary>
/// The request contradicts the record's state (409): a done task completed again, a second active playbook on one class.
/// <see cref="Allowed"/>, when given, lists what the state allows instead (a request's transitions) as the problem's "allowed".
/// </summary>
public sealed class ConflictException(string message, IReadOnlyList<string>? allowed = null) : Exception(message)
{
    public IReadOnlyList<string>? Allowed { get; } = allowed;
}

/// <summary>The caller asked too often (429); <see cref="RetryAfter"/> says when to try again.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Collects field errors while validating a request.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max) Add(field, $"Must be at most {max} characters.");
    }

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }
}

/// <summary>An uploaded file refused for its size (413) or its type (415); the problem names the form field.</summary>
public sealed class FileRefusedException(int status, string field, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Field { get; } = field;
}
