using Guanxi.Data.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Guanxi.Security;

/// <summary>
/// Declares the one right an endpoint or page needs. On an endpoint: <c>.Requires(Right.X)</c>; on a page:
/// <c>@attribute [Requires(Right.X)]</c>. It is an authorisation policy (<c>right:X</c>), so the framework enforces it
/// for the API, the page's first (server) render and interactive navigation alike; tests enumerate every endpoint and
/// fail for one that declares none.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAttribute : AuthorizeAttribute
{
    public const string PolicyPrefix = "right:";

    public RequiresAttribute(Right right)
    {
        Right = right;
        Policy = PolicyPrefix + right;
    }

    public Right Right { get; }
}

public static class RequiredRights
{
    /// <summary>The endpoint (or every endpoint of a group) needs <paramref name="right"/>.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Right right) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new RequiresAttribute(right));

    internal static IServiceCollection AddRequiredRights(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationPolicyProvider, RightPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, RightHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalAnswer>();
        return services;
    }
}

/// <summary>The requirement behind a <c>right:X</c> policy.</summary>
public sealed record RightRequirement(Right Right) : IAuthorizationRequirement;

/// <summary>Builds <c>right:X</c> policies on demand; every other policy name goes to the framework's provider.</summary>
internal sealed class RightPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(RequiresAttribute.PolicyPrefix, StringComparison.Ordinal)
            && Enum.TryParse<Right>(policyName.AsSpan(RequiresAttribute.PolicyPrefix.Length), out var right))
        {
            return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new RightRequirement(right)).Build();
        }
        return await base.GetPolicyAsync(policyName);
    }
}

/// <summary>
/// Grants a right from the caller's access scope, which middleware (per request) and the circuit handler (per UI
/// event) resolve afresh from the database: a role change or an admin's lock applies at once. Where no scope of this
/// user is set (a component rendering outside both), it is resolved here from the signed-in user.
/// </summary>
internal sealed class RightHandler(ScopeResolver resolver) : AuthorizationHandler<RightRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RightRequirement requirement)
    {
        var scope = CurrentUser.Scope;
        var userId = long.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : -1;
        if (scope is null || (scope.UserId > 0 && scope.UserId != userId))
        {
            scope = await resolver.ResolveAsync(context.User, null, CancellationToken.None);
        }
        if (scope.UserId > 0 && scope.Has(requirement.Right)) context.Succeed(requirement);
    }
}

/// <summary>
/// A refused right on the API answers 403 with a problem document and leaves an <c>access-denied</c> audit row, like a
/// refusal raised deeper down; pages get the framework's answer (the sign-in page, or the status page's notice).
/// </summary>
internal sealed class RefusalAnswer(Audit.AuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            var needed = policy.Requirements.OfType<RightRequirement>().Select(r => r.Right.ToString()).FirstOrDefault() ?? "admin";
            await audit.RecordAsync("access-denied", null, null, null,
                new { method = context.Request.Method, path = context.Request.Path.Value, status = 403, reason = $"The role lacks the right {needed}." },
                context.Items[typeof(AccessScope)] as AccessScope, context.RequestAborted);
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"Your role does not have the right '{needed}'.").ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
