using System.Globalization;
using Guanxi.Common;
using Guanxi.Models;

namespace Guanxi.Models;

/// <summary>The customer 360 page's models panel: every class of the latest run with its explanation, in the reader's language.</summary>
public sealed class CustomerModelData(ModelQueries queries) : ICustomerModelData
{
    public async Task<IReadOnlyList<CustomerModelFact>> ForCustomerAsync(long customerId, CancellationToken ct = default)
    {
        var culture = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";
        var result = await queries.CustomerModelsAsync(customerId, culture, ct);
        bool zh = culture == "zh-CN";
        var facts = result.Classes
            .Where(c => c.Class is not null)
            .Select(c => new CustomerModelFact(c.Model, c.ModelName, c.ClassName!, c.Explanation, c.Class))
            .ToList();
        if (result.PAlive is { } alive)
        {
            facts.Add(new CustomerModelFact("p_alive", zh ? "仍活跃的概率" : "P(alive)", alive.ToString("P0", CultureInfo.CurrentCulture), null));
        }

        if (result.Clv is { } clv)
        {
            facts.Add(new CustomerModelFact("clv", zh ? "预测生命周期价值" : "Predicted lifetime value", Formats.Money((decimal)clv, CultureInfo.CurrentCulture), null));
        }

        foreach (var (name, label) in result.CustomLabels)
        {
            facts.Add(new CustomerModelFact("custom:" + name, name, label, null));
        }

        return facts;
    }
}
