using Guanxi.Domain.Models;

namespace Guanxi.Domain.Tests.Models;

public class KeySignalTests
{
    [Fact]
    public void Every_class_of_the_signal_models_has_a_meaning_and_a_next_step_in_both_languages()
    {
        Assert.Empty(KeySignals.Missing());
        foreach (var model in KeySignals.Models)
        {
            foreach (var c in ModelCatalog.Get(model).Classes)
            {
                var m = KeySignals.Of(model, c.Key)!;
                Assert.All(new[] { m.MeaningEn, m.MeaningZh, m.NextEn, m.NextZh }, text => Assert.False(string.IsNullOrWhiteSpace(text), $"{model}/{c.Key}"));
            }
        }
        Assert.Null(KeySignals.Of(ModelKeys.Comprehensive, "key"));
    }
}
