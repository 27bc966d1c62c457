namespace Guanxi.Segmentation;

/// <summary>One figure a model gives a customer (segment, churn risk, CLV…) with the reason behind it.</summary>
public sealed record CustomerModelFact(string Model, string Label, string Value, string? Explanation);

/// <summary>
/// The models engine's view of one customer, for the customer 360 page. Not registered yet: the page's
/// models panel renders nothing until an implementation is added to the services.
/// </summary>
public interface ICustomerModelData
{
    Task<IReadOnlyList<CustomerModelFact>> ForCustomerAsync(long customerId, CancellationToken ct = default);
}
