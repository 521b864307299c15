using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using IntakeBot.Cases;

namespace IntakeBot.Tests.Capture;

/// <summary>"Report this message" as Teams sends it to /api/messages: an invoke named
/// <c>composeExtension/submitAction</c> (or <c>fetchTask</c>) whose value holds the command and the
/// message (<c>messagePayload</c>: id, html body, sender with <c>userIdentityType</c>, time, link).</summary>
internal static class MessageAction
{
    public const string SenderName = "Jordan Blake";

    public static JObject Payload(string senderAadObjectId, string html, string? messageId = null) => new()
    {
        ["id"] = messageId ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["replyToId"] = null,
        ["messageType"] = "message",
        ["createdDateTime"] = "2026-11-20T09:15:00.000Z",
        ["lastModifiedDateTime"] = null,
        ["deleted"] = false,
        ["importance"] = "normal",
        ["locale"] = "en-us",
        ["linkToMessage"] = "https://teams.microsoft.com/l/message/19:group@thread.v2/1763630100000?context=%7B%7D",
        ["from"] = new JObject
        {
            ["user"] = new JObject { ["id"] = senderAadObjectId, ["displayName"] = SenderName, ["userIdentityType"] = "aadUser" },
            ["application"] = null,
            ["conversation"] = null,
        },
        ["body"] = new JObject { ["contentType"] = "html", ["content"] = html },
        ["attachments"] = new JArray(),
        ["mentions"] = new JArray(),
        ["reactions"] = new JArray(),
    };

    public static string Invoke(string personAadObjectId, JObject messagePayload, string serviceUrl, string conversationType = "groupChat", string commandId = "reportMessage", string name = "composeExtension/submitAction", string? conversationId = null)
        => new JObject
        {
            ["type"] = "invoke",
            ["name"] = name,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("o"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JObject { ["id"] = $"29:{personAadObjectId}", ["name"] = "Sam Reporter", ["aadObjectId"] = personAadObjectId },
            ["recipient"] = new JObject { ["id"] = "28:intakebot", ["name"] = "IntakeBot" },
            ["conversation"] = new JObject
            {
                ["id"] = conversationId ?? $"19:group-{Guid.NewGuid():N}@thread.v2",
                ["conversationType"] = conversationType,
                ["tenantId"] = HttpChat.TenantId,
            },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = HttpChat.TenantId }, ["source"] = new JObject { ["name"] = "message" } },
            ["value"] = new JObject
            {
                ["commandId"] = commandId,
                ["commandContext"] = "message",
                ["context"] = new JObject { ["theme"] = "default" },
                ["messagePayload"] = messagePayload,
            },
        }.ToString(Formatting.None);

    /// <summary>The titles of the buttons on a message's Adaptive Card, in order.</summary>
    public static IReadOnlyList<string> Buttons(JObject activity)
        => [.. activity["attachments"]!
            .Where(a => a.Value<string>("contentType") == "application/vnd.microsoft.card.adaptive")
            .SelectMany(a => a["content"]!.SelectTokens("$..actions[?(@.type == 'Action.Submit')]"))
            .Select(a => a.Value<string>("title")!)];

    /// <summary>The data a card button sends back (Teams delivers it as the message's value).</summary>
    public static JObject Pressed(JObject activity, string title)
        => (JObject)activity["attachments"]!
            .SelectMany(a => a["content"]!.SelectTokens("$..actions[?(@.type == 'Action.Submit')]"))
            .Single(a => a.Value<string>("title") == title)["data"]!;
}
