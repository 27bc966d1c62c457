using Guanxi.Common;
using Guanxi.Data.Security;
using Guanxi.Security;

namespace Guanxi.Service;

/// <summary>Service requests, SLA policies and the business calendar under /api/v1.</summary>
public static class ServiceDeskApi
{
    public static RouteGroupBuilder MapServiceDeskApi(this RouteGroupBuilder api)
    {
        MapRequests(api);
        MapSla(api);
        MapReports(api);
        return api;
    }

    private static void MapAttachments(RouteGroupBuilder requests, RouteGroupBuilder api)
    {
        requests.MapGet("/{id:long}/attachments", async (long id, ServiceAttachments s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(id, ct)))
            .Requires(Right.ViewCustomers);
        // Downloading is reading the file unmasked: it needs personal data, like an unmasked record.
        requests.MapGet("/{id:long}/attachments/{attachmentId:long}", async (long id, long attachmentId, ServiceAttachments s, HttpResponse response, CancellationToken ct) =>
        {
            var file = await s.OpenAsync(id, attachmentId, ct);
            // Never rendered by the browser: a download, of exactly the type its bytes were checked to be.
            response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).Requires(Right.ViewPersonalData);
        var limit = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<ServiceAttachments>().MaxBytes;
        // Multipart, so the cross-site check (CrossSiteRequests) guards it as every cookie write; the form's own
        // antiforgery field is not used by this API. The body may exceed the JSON limit by the file's.
        // The form is read in the handler, not bound: a bound IFormFile makes routing answer 415 to a non-form body before
        // authentication has said 401 to a caller without credentials.
        requests.MapPost("/{id:long}/attachments", async (long id, HttpRequest request, ServiceAttachments s, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
                throw new FileRefusedException(StatusCodes.Status415UnsupportedMediaType, "file", "Send the file as multipart/form-data, in the field \"file\".");
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw ValidationException.For("file", "Send the file in the form field \"file\".");
            await using var content = file.OpenReadStream();
            var a = await s.AddAsync(id, file.FileName, file.ContentType, file.Length, content, ct);
            return TypedResults.Created($"/api/v1/service-requests/{id}/attachments/{a.Id}", a);
        }).Requires(Right.WorkServiceRequests).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limit + MultipartOverheadBytes))
            .WithFormOptions(multipartBodyLengthLimit: limit + MultipartOverheadBytes);
    }

    /// <summary>Room for the multipart headers and boundaries around a file of the largest size.</summary>
    private const long MultipartOverheadBytes = 64 * 1024;

    private static void MapReports(RouteGroupBuilder api)
    {
        // Counted within the caller's reach, like the queue: an agent's report covers the customers they serve.
        var g = api.MapGroup("/service-reports").WithTags("Service reports").Requires(Right.ViewCustomers);
        g.MapGet("/", async (DateOnly? from, DateOnly? to, ServiceReports s, CancellationToken ct) => TypedResults.Ok(await s.ReportAsync(from, to, ct)));
        g.MapGet("/export", async (DateOnly? from, DateOnly? to, ServiceReports s, CancellationToken ct) =>
        {
            var report = await s.ReportAsync(from, to, ct);
            var xlsx = new MemoryStream();
            await s.WriteXlsxAsync(report, xlsx, ct);
            xlsx.Position = 0;
            return TypedResults.File(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ServiceReports.FileNameOf(report));
        }).WithName("ExportServiceReport");
    }

    private static void MapRequests(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/service-requests").WithTags("Service requests");
        // Reading follows the customer's query filter (masked for roles without personal data); working needs WorkServiceRequests.
        var read = g.MapGroup("").Requires(Right.ViewCustomers);
        var work = g.MapGroup("").Requires(Right.WorkServiceRequests);
        read.MapGet("/", async (string? status, string? assignee, long? customerId, string? type, string? breach, string? after, int? limit, ServiceDesk s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(new ServiceRequestFilter(status, assignee, customerId, type, breach), after, limit ?? 50, ct)));
        read.MapGet("/{id:long}", async (long id, ServiceDesk s, HttpResponse response, CancellationToken ct) => Tagged(response, await s.GetAsync(id, ct)));
        read.MapGet("/{id:long}/notes", async (long id, ServiceDesk s, CancellationToken ct) => TypedResults.Ok(await s.NotesAsync(id, ct)));
        read.MapGet("/{id:long}/history", async (long id, ServiceDesk s, CancellationToken ct) => TypedResults.Ok(await s.HistoryAsync(id, ct)));
        work.MapPost("/", async (ServiceRequestInput body, ServiceDesk s, CancellationToken ct) =>
        {
            var r = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/service-requests/{r.Id}", r);
        });
        work.MapPut("/{id:long}", async (long id, ServiceRequestInput body, ServiceDesk s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct)));
        work.MapDelete("/{id:long}", async (long id, ServiceDesk s, HttpRequest request, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ETags.ExpectedVersion(request), ct);
            return TypedResults.NoContent();
        });
        work.MapPost("/{id:long}/transition", async (long id, ServiceTransitionInput body, ServiceDesk s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.TransitionAsync(id, body, ETags.ExpectedVersion(request), ct)));
        work.MapPost("/{id:long}/notes", async (long id, ServiceNoteInput body, ServiceDesk s, CancellationToken ct) =>
        {
            var note = await s.AddNoteAsync(id, body, ct);
            return TypedResults.Created($"/api/v1/service-requests/{id}/notes", note);
        });
        work.MapPost("/{id:long}/complaint-steps", async (long id, ComplaintStepInput body, ServiceDesk s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
            Tagged(response, await s.RecordStepAsync(id, body, ETags.ExpectedVersion(request), ct)));

        MapAttachments(g, api);

        api.MapGet("/customers/{id:long}/service-requests", async (long id, string? status, ServiceDesk s, CancellationToken ct) =>
            TypedResults.Ok(await s.OfCustomerAsync(id, status, ct))).WithTags("Service requests").Requires(Right.ViewCustomers);
    }

    private static void MapSla(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sla-policies").WithTags("SLA");
        g.MapGet("/", async (SlaPolicyService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct))).Requires(Right.ViewCustomers);
        g.MapGet("/{id:long}", async (long id, SlaPolicyService s, HttpResponse response, CancellationToken ct) =>
        {
            var p = await s.GetAsync(id, ct);
            response.Headers.ETag = ETags.Of(p.Version);
            return TypedResults.Ok(p);
        }).Requires(Right.ViewCustomers);
        var manage = g.MapGroup("").Requires(Right.ManageSla);
        manage.MapPost("/", async (SlaPolicyInput body, SlaPolicyService s, CancellationToken ct) =>
        {
            var p = await s.CreateAsync(body, ct);
            return TypedResults.Created($"/api/v1/sla-policies/{p.Id}", p);
        });
        manage.MapPut("/{id:long}", async (long id, SlaPolicyInput body, SlaPolicyService s, HttpRequest request, HttpResponse response, CancellationToken ct) =>
        {
            var p = await s.UpdateAsync(id, body, ETags.ExpectedVersion(request), ct);
            response.Headers.ETag = ETags.Of(p.Version);
            return TypedResults.Ok(p);
        });
        manage.MapDelete("/{id:long}", async (long id, SlaPolicyService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });

        var calendar = api.MapGroup("/business-calendar").WithTags("SLA");
        calendar.MapGet("/", async (int? year, ServiceCalendar s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(year, ct))).Requires(Right.ViewCustomers);
        calendar.MapPut("/", async (BusinessCalendarInput body, ServiceCalendar s, CancellationToken ct) => TypedResults.Ok(await s.PutAsync(body, ct))).Requires(Right.ManageSla);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<ServiceRequestDto> Tagged(HttpResponse response, ServiceRequestDto r)
    {
        response.Headers.ETag = ETags.Of(r.Version);
        return TypedResults.Ok(r);
    }
}
