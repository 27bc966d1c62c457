namespace Guanxi.Models;

/// <summary>One customer's running totals while parsing (array-of-structs: one cache line touch per row).</summary>
internal struct CustomerTotals
{
    public int LastDay;
    public int OrderCount;
    public long Cents;
}
