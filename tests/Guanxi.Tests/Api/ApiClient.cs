using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Guanxi.Tests.Infrastructure;

namespace Guanxi.Tests.Api;

/// <summary>Small JSON helpers over HttpClient so API tests read as requests and expectations.</summary>
internal static class ApiClient
{
    public static async Task<JsonElement> PostOk(this HttpClient http, string url, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await http.PostAsJsonAsync(url, body, GuanxiApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {url} gave {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetOk(this HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} gave {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> Send(this HttpClient http, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: GuanxiApp.Json);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json);
    }

    public static async Task<long> CreateCustomer(this HttpClient http, string name, string? phone = null, string? email = null, string kind = "Person", string? city = null, string[]? tags = null)
    {
        var created = await http.PostOk("/api/v1/customers", new { name, phone, email, kind, city, tags });
        return created.GetProperty("customer").GetProperty("id").GetInt64();
    }
}
