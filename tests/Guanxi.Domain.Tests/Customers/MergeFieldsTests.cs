using Guanxi.Domain.Customers;

namespace Guanxi.Domain.Tests.Customers;

[Trait("Clock", "Independent")] // field values only: no dates are read
public class MergeFieldsTests
{
    private static (Customer Survivor, Customer Merged) Pair()
    {
        var survivor = new Customer { Name = "张伟", City = "上海", Notes = "老客户" };
        survivor.SetPhone("13800000001");
        var merged = new Customer { Name = "张伟（北京）", City = "北京", Industry = "零售", Notes = "北京门店" };
        merged.SetPhone("13900000002");
        return (survivor, merged);
    }

    [Fact]
    public void Chosen_fields_take_the_merged_value_and_the_rest_keep_the_survivors()
    {
        var (survivor, merged) = Pair();

        var taken = MergeFields.Apply(survivor, merged, ["phone", "name"], notesLimit: 1000);

        Assert.Equal("张伟（北京）", survivor.Name);
        Assert.Equal("13900000002", survivor.Phone);
        Assert.Equal("上海", survivor.City);
        Assert.Equal(["name", "phone", "industry", "notes"], taken);
    }

    [Fact]
    public void Without_a_choice_empty_fields_are_filled_and_notes_joined()
    {
        var (survivor, merged) = Pair();

        var taken = MergeFields.Apply(survivor, merged, [], notesLimit: 1000);

        Assert.Equal("张伟", survivor.Name);
        Assert.Equal("13800000001", survivor.Phone);
        Assert.Equal("零售", survivor.Industry);
        Assert.Equal("老客户\n北京门店", survivor.Notes);
        Assert.Equal(["industry", "notes"], taken);
    }

    [Fact]
    public void A_chosen_field_the_merged_record_leaves_empty_keeps_the_survivors_value()
    {
        var (survivor, merged) = Pair();

        var taken = MergeFields.Apply(survivor, merged, ["email", "notes"], notesLimit: 1000);

        Assert.Null(survivor.Email);
        Assert.Equal("北京门店", survivor.Notes);
        Assert.DoesNotContain("email", taken);
    }
}
