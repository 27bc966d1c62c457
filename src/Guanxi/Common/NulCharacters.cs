using System.Text.Json;
using System.Text.Json.Serialization;

namespace Guanxi.Common;

/// <summary>
/// PostgreSQL text cannot hold the NUL character (U+0000): a name or a filter carrying one failed deep in the database
/// as a 500. Such input is refused where it enters — JSON strings, query strings, form fields — with a 400 naming the
/// field, on both databases alike.
/// </summary>
internal static class NulCharacters
{
    public const string Message = "contains a NUL character (U+0000), which text cannot hold.";

    /// <summary>Reads JSON strings, refusing NUL; the exception's path names the field in the problem.</summary>
    public sealed class Refused : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is not null && text.Contains('\0', StringComparison.Ordinal)) throw new JsonException("The value " + Message);
            return text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Answers 400 for a NUL in the query string or in a form field before any endpoint sees it.</summary>
    public static IApplicationBuilder UseNulCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var field = request.Query.FirstOrDefault(q => HasNul(q.Key) || q.Value.Any(HasNul)).Key;
        if (field is null && request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                field = form.FirstOrDefault(f => HasNul(f.Key) || f.Value.Any(HasNul)).Key;
            }
            catch (InvalidDataException)
            {
                // The form reader itself refuses NUL and other control characters (once a 500 at sign-in).
                field = "form";
            }
        }
        if (field is null)
        {
            await next(context);
            return;
        }
        await Results.ValidationProblem(new Dictionary<string, string[]> { [field] = ["The value " + Message] }).ExecuteAsync(context);
    });

    private static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);
}
