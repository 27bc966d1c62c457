using Guanxi.Data.Security;
using Guanxi.Security;
using Guanxi.Common;
using Guanxi.Domain.Customers;
using Guanxi.Interactions;
using Guanxi.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Guanxi.Customers;

public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        var view = customers.MapGroup("").Requires(Right.ViewCustomers);
        var edit = customers.MapGroup("").Requires(Right.EditCustomers);
        view.MapGet("/", SearchAsync).WithName("SearchCustomers");
        view.MapGet("/trends", async (int? months, CustomerTrends trends, CancellationToken ct) => TypedResults.Ok(await trends.MonthlyAsync(months ?? 12, ct)));
        view.MapGet("/{id:long}", GetAsync).WithName("GetCustomer");
        edit.MapPost("/", CreateAsync).WithName("CreateCustomer");
        edit.MapPut("/{id:long}", UpdateAsync).WithName("UpdateCustomer");
        edit.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteCustomer");
        view.MapGet("/export", Export).WithName("ExportCustomers");
        view.MapPost("/duplicates/check", CheckDuplicatesAsync).WithName("CheckDuplicates");
        edit.MapPost("/{id:long}/tags", async (long id, TagInput body, CustomerService s, CancellationToken ct) => TypedResults.Ok(await s.AddTagAsync(id, body.Tag ?? "", ct)));
        edit.MapDelete("/{id:long}/tags/{tag}", async (long id, string tag, CustomerService s, CancellationToken ct) => TypedResults.Ok(await s.RemoveTagAsync(id, tag, ct)));
        edit.MapPut("/{id:long}/groups/{groupId:long}", async (long id, long groupId, CustomerService s, CancellationToken ct) => TypedResults.Ok(await s.AddToGroupAsync(id, groupId, ct)));
        edit.MapDelete("/{id:long}/groups/{groupId:long}", async (long id, long groupId, CustomerService s, CancellationToken ct) => TypedResults.Ok(await s.RemoveFromGroupAsync(id, groupId, ct)));
        view.MapGet("/{id:long}/contacts", async (long id, CustomerService s, CancellationToken ct) => TypedResults.Ok(await s.ContactsAsync(id, ct)));
        edit.MapPost("/{id:long}/contacts", async (long id, ContactInput body, CustomerService s, CancellationToken ct) =>
        {
            var contact = await s.AddContactAsync(id, body, ct);
            return TypedResults.Created($"/api/v1/customers/{id}/contacts/{contact.Id}", contact);
        });
        edit.MapPut("/{id:long}/contacts/{contactId:long}", async (long id, long contactId, ContactInput body, CustomerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateContactAsync(id, contactId, body, ct)));
        edit.MapDelete("/{id:long}/contacts/{contactId:long}", async (long id, long contactId, CustomerService s, CancellationToken ct) =>
        {
            await s.DeleteContactAsync(id, contactId, ct);
            return TypedResults.NoContent();
        });
        edit.MapPost("/{id:long}/merge", async (long id, MergeInput body, CustomerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.MergeAsync(id, body.MergedId, body.Fields, null, ct))).WithName("MergeCustomers");
        // What merging customer {id} away would move; with the survivor (`with`, the customer it would merge into), also the
        // profile fields side by side, masked for the caller like every answer. The merge itself is POST /customers/{with}/merge.
        view.MapGet("/{id:long}/merge-preview", async (long id, [FromQuery(Name = "with")] long? with, CustomerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.MergePreviewAsync(id, with, ct))).WithName("PreviewMerge");
        view.MapGet("/{id:long}/merges", async (long id, CustomerService s, CancellationToken ct) =>
            TypedResults.Ok(await s.MergeHistoryAsync(id, ct))).WithName("MergeHistory");
        view.MapGet("/{id:long}/orders", async (long id, string? after, int? limit, CustomerService customers, OrderService orders, CancellationToken ct) =>
        {
            await customers.GetAsync(id, ct);
            return TypedResults.Ok(await orders.ListAsync(id, after, limit ?? 50, ct));
        });
        view.MapGet("/{id:long}/interactions", async (long id, string? after, int? limit, CustomerService customers, InteractionService interactions, CancellationToken ct) =>
        {
            await customers.GetAsync(id, ct);
            return TypedResults.Ok(await interactions.ListAsync(id, after, limit ?? 50, ct));
        });

        // Saved views of the list: one's own and the team's shared ones; another's view answers 404 to a change.
        var views = api.MapGroup("/customer-views").WithTags("Customers");
        views.MapGet("/", async (SavedCustomerViews s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct))).Requires(Right.ViewCustomers);
        views.MapPost("/", async (CustomerViewInput body, SavedCustomerViews s, CancellationToken ct) =>
        {
            var v = await s.SaveAsync(body, ct);
            return TypedResults.Created($"/api/v1/customer-views/{v.Id}", v);
        }).Requires(Right.OwnAccount);
        views.MapDelete("/{id:long}", async (long id, SavedCustomerViews s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        }).Requires(Right.OwnAccount);

        var groups = api.MapGroup("/groups").WithTags("Groups");
        var groupsView = groups.MapGroup("").Requires(Right.ViewCustomers);
        var groupsManage = groups.MapGroup("").Requires(Right.ManageSettings);
        groupsView.MapGet("/", async (GroupService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        groupsManage.MapPost("/", async (GroupInput body, GroupService s, CancellationToken ct) =>
        {
            var group = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/groups/{group.Id}", group);
        });
        groupsManage.MapPut("/{id:long}", async (long id, GroupInput body, GroupService s, CancellationToken ct) => TypedResults.Ok(await s.UpdateAsync(id, body, ct)));
        groupsManage.MapDelete("/{id:long}", async (long id, GroupService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });

        var fields = api.MapGroup("/custom-fields").WithTags("Custom fields");
        var fieldsView = fields.MapGroup("").Requires(Right.ViewCustomers);
        var fieldsManage = fields.MapGroup("").Requires(Right.ManageSettings);
        fieldsView.MapGet("/", async (CustomFieldService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        fieldsManage.MapPost("/", async (CustomFieldInput body, CustomFieldService s, CancellationToken ct) =>
        {
            var field = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/custom-fields/{field.Id}", field);
        });
        fieldsManage.MapPut("/{id:long}", async (long id, CustomFieldInput body, CustomFieldService s, CancellationToken ct) => TypedResults.Ok(await s.UpdateAsync(id, body, ct)));
        fieldsManage.MapDelete("/{id:long}", async (long id, CustomFieldService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
        return api;
    }

    private static async Task<Ok<CustomerPage>> SearchAsync([AsParameters] CustomerQueryParameters p, CustomerService s, CancellationToken ct) =>
        TypedResults.Ok(await s.SearchAsync(p.ToQuery(), ct));

    private static async Task<Ok<CustomerDto>> GetAsync(long id, CustomerService s, HttpResponse response, CancellationToken ct)
    {
        var customer = await s.GetAsync(id, ct);
        response.Headers.ETag = ETags.Of(customer.Version);
        return TypedResults.Ok(customer);
    }

    private static async Task<Created<CreatedCustomer>> CreateAsync(CustomerInput body, CustomerService s, HttpResponse response, CancellationToken ct)
    {
        var created = await s.CreateAsync(body, ct);
        response.Headers.ETag = ETags.Of(created.Customer.Version);
        return TypedResults.Created($"/api/v1/customers/{created.Customer.Id}", created);
    }

    private static async Task<Ok<CustomerDto>> UpdateAsync(long id, CustomerInput body, CustomerService s, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var customer = await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct);
        response.Headers.ETag = ETags.Of(customer.Version);
        return TypedResults.Ok(customer);
    }

    private static async Task<NoContent> DeleteAsync(long id, CustomerService s, HttpRequest request, CancellationToken ct)
    {
        await s.DeleteAsync(id, ETags.ExpectedVersion(request), ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The filtered list as CSV or XLSX; written to a temporary file first, then streamed and deleted. <c>headers</c>:
    /// <c>keys</c> (default, machine names), <c>zh-CN</c> or <c>en</c> (headers and coded values a person reads).
    /// </summary>
    private static FileStreamHttpResult Export([AsParameters] CustomerQueryParameters p, string? format, string? headers, Export.CustomerExport export)
    {
        var mode = Guanxi.Export.ExportHeaderNames.Parse(headers) ?? throw ValidationException.For("headers", "Must be keys, zh-CN or en.");
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var path = Path.Combine(Path.GetTempPath(), "guanxi-export-" + Guid.NewGuid().ToString("N") + (xlsx ? ".xlsx" : ".csv"));
        export.Write(p.ToQuery(), path, mode);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose);
        return xlsx
            ? TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "customers.xlsx")
            : TypedResults.File(stream, "text/csv; charset=utf-8", "customers.csv");
    }

    private static async Task<Ok<IReadOnlyList<DuplicateMatch>>> CheckDuplicatesAsync(CustomerInput body, CustomerService s, CancellationToken ct) =>
        TypedResults.Ok(await s.FindDuplicatesAsync(body, null, ct));
}

public sealed record TagInput(string? Tag);

/// <param name="Fields">
/// The profile fields whose value is taken from the merged customer (names as in <see cref="Guanxi.Domain.Customers.MergeFields.All"/>);
/// every other field keeps the survivor's value, filled from the merged customer where it has none.
/// </param>
public sealed record MergeInput(long MergedId, IReadOnlyList<string>? Fields = null);

/// <summary>Query-string form of <see cref="CustomerQuery"/>.</summary>
public sealed class CustomerQueryParameters
{
    public string? Q { get; init; }
    public string? Tag { get; init; }
    public long? Group { get; init; }
    public string? City { get; init; }
    public long? Owner { get; init; }
    public CustomerKind? Kind { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public bool? HasOrders { get; init; }

    /// <summary>A month, <c>yyyy-MM</c>: customers with an order in it.</summary>
    public string? BoughtIn { get; init; }

    /// <summary>A month, <c>yyyy-MM</c>: customers whose first purchase fell in it.</summary>
    public string? FirstBoughtIn { get; init; }
    public string? ModelClass { get; init; }
    public CustomerSort? Sort { get; init; }
    public string? After { get; init; }
    public int? Limit { get; init; }

    public CustomerQuery ToQuery()
    {
        var errors = new FieldErrors();
        var boughtIn = CustomerQueryText.Month(BoughtIn, "boughtIn", errors);
        var firstBoughtIn = CustomerQueryText.Month(FirstBoughtIn, "firstBoughtIn", errors);
        errors.ThrowIfAny();
        return new()
        {
            Q = Q,
            Tag = Tag,
            GroupId = Group,
            City = City,
            OwnerId = Owner,
            Kind = Kind,
            CreatedFrom = CreatedFrom,
            CreatedTo = CreatedTo,
            HasOrders = HasOrders,
            BoughtIn = boughtIn,
            FirstBoughtIn = firstBoughtIn,
            ModelClass = ModelClass,
            Sort = Sort ?? CustomerSort.Newest,
            After = After,
            Limit = Limit ?? 50,
        };
    }
}
