using Guanxi.Domain.Models;
using Xunit.Abstractions;

namespace Guanxi.Domain.Tests.Models;

public class TmpPrint(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        var metrics = TestBase.Synthetic(2000, seed: 9);
        var results = TestBase.Run(metrics);
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(results.Parameters));
        foreach (int i in new[] { 1, 2, 5 })
        {
            foreach (var model in ModelCatalog.All)
            {
                var row = results.Row(i);
                output.WriteLine(model.Key + " | " + ModelExplanations.Explain(model.Key, metrics, i, row, results.Parameters, ModelSettings.Default, "en"));
                output.WriteLine(model.Key + " | " + ModelExplanations.Explain(model.Key, metrics, i, row, results.Parameters, ModelSettings.Default, "zh-CN"));
            }
        }
        foreach (var model in ModelCatalog.All)
        {
            output.WriteLine(model.Key + ": " + string.Join(", ", results.ClassCounts(model.Key)) + " n/a " + results.NotApplicableCount(model.Key));
        }
    }
}
