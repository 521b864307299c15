using System.Net.Http.Headers;
using System.Text;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>The one place that posts a body to /api/messages: for <see cref="HttpChat"/>'s turns, and
/// for tests that send on purpose what no chat would (a malformed body, a missing or forged token, an
/// invoke from "Report this message").</summary>
internal static class ApiMessages
{
    public const string Path = "/api/messages";

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string json, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return await client.SendAsync(request);
    }
}
