using System.Globalization;
using Guanxi.Domain.Models;
using Guanxi.Maintenance;

namespace Guanxi.Components.Pages.Playbooks;

/// <summary>How the playbook pages name a layer: the model and its class in the reader's language.</summary>
public static class PlaybookView
{
    private static bool Chinese => UiCulture.IsChinese(CultureInfo.CurrentUICulture);

    public static string ModelName(string modelKey) =>
        ModelCatalog.Find(modelKey) is { } m ? (Chinese ? m.NameZh : m.NameEn) : modelKey.Replace("custom:", "", StringComparison.Ordinal);

    public static string ClassName(string modelKey, string classKey)
    {
        var (en, zh) = PlaybookService.ClassName(modelKey, classKey);
        return Chinese ? zh : en;
    }

    public static string LayerName(PlaybookDto p) => $"{ModelName(p.ModelKey)} · {(Chinese ? p.ClassNameZh : p.ClassNameEn)}";
}
