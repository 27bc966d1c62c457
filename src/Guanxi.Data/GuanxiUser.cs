using Microsoft.AspNetCore.Identity;

namespace Guanxi.Data;

/// <summary>A member of staff who signs in; customers are owned by one.</summary>
public sealed class GuanxiUser : IdentityUser<long>
{
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>The team the user belongs to; drives a manager's subtree and team shares.</summary>
    public long? TeamId { get; set; }
}

public sealed class GuanxiRole : IdentityRole<long>
{
    public GuanxiRole()
    {
    }

    public GuanxiRole(string name) : base(name)
    {
    }
}
