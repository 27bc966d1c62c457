namespace Guanxi.Models;

/// <summary>The models engine's view of one customer, for the customer 360 page (implemented by <see cref="CustomerModelData"/>).</summary>
public interface ICustomerModelData
{
    Task<IReadOnlyList<CustomerModelFact>> ForCustomerAsync(long customerId, CancellationToken ct = default);
}
