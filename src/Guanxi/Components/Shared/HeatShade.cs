using System.Globalization;

namespace Guanxi.Components.Shared;

/// <summary>The shading of a heat-map cell: the app's primary red, more opaque for more customers, text white on dark cells.</summary>
public static class HeatShade
{
    public static string Style(long count, long max)
    {
        if (count <= 0 || max <= 0) return "";
        double alpha = 0.08 + 0.82 * Math.Sqrt((double)count / max);
        string text = alpha > 0.5 ? "color:#fff;" : "";
        return string.Create(CultureInfo.InvariantCulture, $"background:rgba(179,38,30,{alpha:0.00});{text}");
    }
}
