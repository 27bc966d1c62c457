namespace Guanxi.Models;

/// <summary>Buyers as struct-of-arrays, the shape the RFM kernel takes.</summary>
internal sealed record BuyerColumns(long[] CustomerIds, int[] LastDay, int[] OrderCount, long[] Cents)
{
    public void Set(int index, long customerId, CustomerTotals totals)
    {
        CustomerIds[index] = customerId;
        LastDay[index] = totals.LastDay;
        OrderCount[index] = totals.OrderCount;
        Cents[index] = totals.Cents;
    }
}
