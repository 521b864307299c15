using System.Net;
using System.Text.Json;

namespace IntakeBot.Bot;

/// <summary>The shape an activity must have before the adapter sees it: a JSON object with a type,
/// an id, a conversation id, a sender id and a well-formed serviceUrl (https, or http to this machine
/// in Development). The SDK throws on some malformed fields (an empty serviceUrl is a
/// UriFormatException before the turn starts), which would otherwise be a 500.</summary>
public static class ActivityShape
{
    /// <summary>Deep enough for any activity a channel sends (Json.NET's own default), shallow enough
    /// that a hostile body cannot make parsing expensive.</summary>
    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 128 };

    /// <summary>Why the activity is refused (a fixed word, safe to log), or null when it is well formed.</summary>
    public static async Task<string?> ProblemAsync(Stream body, bool allowLoopbackHttp, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, Parsing, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return "json";
        }

        using (document)
        {
            var activity = document.RootElement;
            if (activity.ValueKind != JsonValueKind.Object)
            {
                return "json";
            }

            if (!HasText(activity, "type"))
            {
                return "type";
            }

            if (!HasText(activity, "id"))
            {
                return "id";
            }

            if (!HasId(activity, "conversation"))
            {
                return "conversation";
            }

            if (!HasId(activity, "from"))
            {
                return "from";
            }

            return IsServiceUrl(activity, allowLoopbackHttp) ? null : "serviceUrl";
        }
    }

    /// <summary>Where replies go: absolute https with a host and no user info, or plain http to a
    /// loopback address when the host allows it (Development: the Agents Playground and tests).</summary>
    public static bool IsServiceUrl(string? value, bool allowLoopbackHttp)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.HostNameType == UriHostNameType.Unknown
            || string.IsNullOrEmpty(url.Host) || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        return url.Scheme == Uri.UriSchemeHttps
            || (url.Scheme == Uri.UriSchemeHttp && allowLoopbackHttp && IsLoopback(url));
    }

    private static bool IsLoopback(Uri url)
        => url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool IsServiceUrl(JsonElement activity, bool allowLoopbackHttp)
        => activity.TryGetProperty("serviceUrl", out var value) && value.ValueKind == JsonValueKind.String
            && IsServiceUrl(value.GetString(), allowLoopbackHttp);

    private static bool HasText(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());

    private static bool HasId(JsonElement activity, string name)
        => activity.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object && HasText(value, "id");
}
