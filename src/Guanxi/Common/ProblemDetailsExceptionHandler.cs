using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Guanxi.Common;

/// <summary>Every error leaves the API as RFC 7807 problem details, with a message per invalid field.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? details = exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(v.Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            Data.Security.AccessDeniedException { Hidden: true } => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = "Customer was not found." },
            Data.Security.AccessDeniedException d => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = d.Message },
            NotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = n.Message },
            ConflictException c => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = c.Message,
                Extensions = c.Allowed is { } allowed ? new Dictionary<string, object?> { ["allowed"] = allowed } : new Dictionary<string, object?>(),
            },
            FileRefusedException f => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [f.Field] = [f.Message] })
            {
                Status = f.Status,
                Title = "The file was refused.",
            },
            TooManyRequestsException t => new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = t.Message },
            ConcurrencyConflictException c => new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = "The record was changed by someone else.",
                Detail = c.Message,
            },
            // A body that is not the JSON expected: name the field the reader stopped at.
            BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: { Length: > 2 } path } json } b =>
                new HttpValidationProblemDetails(new Dictionary<string, string[]> { [path.TrimStart('$', '.')] = [json.Message] })
                {
                    Status = b.StatusCode,
                    Title = "One or more fields are invalid.",
                },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = "Bad request", Detail = b.Message },
            _ => null,
        };
        if (details is null) return false;
        if (exception is Data.Security.AccessDeniedException denied)
        {
            // Denied attempts are evidence (ASVS 8.2.2, 16.3.2): who tried what, from where.
            await context.RequestServices.GetRequiredService<Audit.AuditLog>().RecordAsync(
                "access-denied", null, null, null, new { method = context.Request.Method, path = context.Request.Path.Value, status = details.Status, reason = denied.Message },
                context.Items[typeof(Data.Security.AccessScope)] as Data.Security.AccessScope, cancellationToken);
        }
        if (exception is TooManyRequestsException { RetryAfter: { } wait }) context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
