using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using IntakeBot.Cases;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>A Teams personal chat over real HTTP to /api/messages: Teams-shaped activities with
/// <c>deliveryMode: expectReplies</c>, so the replies come back in the response body.</summary>
internal sealed class HttpChat(HttpClient client, string? aadObjectId = null, string serviceUrl = BotApp.NowhereServiceUrl, string? conversationId = null, string conversationType = "personal", string? locale = null, string name = HttpChat.DefaultName)
{
    private readonly string _conversationId = conversationId ?? $"a:{Guid.NewGuid():N}";

    /// <summary>The tenant every test activity comes from, a GUID as Teams sends it.</summary>
    public const string TenantId = "5b0f3c7e-2a44-4a1e-9d51-0c6f2e8a7b13";

    /// <summary>The display name Teams sends for the chat's person unless a test gives another.</summary>
    public const string DefaultName = "Sam Reporter";

    public string AadObjectId { get; } = aadObjectId ?? Guid.NewGuid().ToString();

    public string ConversationId => _conversationId;

    /// <summary>The user's locale Teams sends with every activity of this chat ("de-DE"); none when null.</summary>
    public string? Locale { get; set; } = locale;

    public static string Activity(string text, string conversationId, string aadObjectId, string conversationType = "personal", string? id = null, string serviceUrl = BotApp.NowhereServiceUrl, string name = DefaultName)
        => new JObject
        {
            ["type"] = "message",
            ["id"] = id ?? Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("o"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JObject { ["id"] = $"29:{aadObjectId}", ["name"] = name, ["aadObjectId"] = aadObjectId },
            ["recipient"] = new JObject { ["id"] = "28:intakebot", ["name"] = "IntakeBot" },
            ["conversation"] = new JObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = TenantId },
            ["channelData"] = new JObject { ["tenant"] = new JObject { ["id"] = TenantId } },
            ["text"] = text,
        }.ToString(Formatting.None);

    /// <summary>This chat's next message as Teams would post it, for tests that post it themselves:
    /// twice (a redelivery), several at once, or changed first. Without <paramref name="expectReplies"/>
    /// the replies go to the connector at the chat's service URL, as in a real Teams chat.</summary>
    public string Next(string text, string? id = null, bool expectReplies = true)
    {
        var activity = WithLocale(Activity(text, _conversationId, AadObjectId, conversationType, id, serviceUrl, name));
        if (expectReplies)
        {
            return activity.ToString(Formatting.None);
        }

        activity.Remove("deliveryMode");
        return activity.ToString(Formatting.None);
    }

    public Task<IReadOnlyList<string>> SayAsync(string text) => SendAsync(text, null);

    /// <summary>Sends a message with attachments in Teams' shapes, and optional text.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(string? text, JArray? attachments)
    {
        var activity = WithLocale(Activity(text ?? string.Empty, _conversationId, AadObjectId, conversationType, Guid.NewGuid().ToString("N"), serviceUrl, name));
        if (attachments is not null)
        {
            activity["attachments"] = attachments;
        }

        var response = await PostAsync(activity.ToString(Formatting.None));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return [.. ((JArray?)body["activities"] ?? []).Select(a => a.Value<string>("text") ?? string.Empty)];
    }

    /// <summary>Sends a message and returns the replies whole (suggested actions, cards); with a
    /// <paramref name="value"/> and no text it is a card button press as Teams delivers it.</summary>
    public async Task<IReadOnlyList<JObject>> ExchangeAsync(string? text, JObject? value = null)
    {
        var activity = WithLocale(Activity(text ?? string.Empty, _conversationId, AadObjectId, conversationType, Guid.NewGuid().ToString("N"), serviceUrl, name));
        if (value is not null)
        {
            activity.Remove("text");
            activity["value"] = value;
        }

        var response = await PostAsync(activity.ToString(Formatting.None));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());
        return [.. ((JArray?)body["activities"] ?? []).OfType<JObject>()];
    }

    /// <summary>Sends a message and returns, for each reply, everything it shows in words: its text and
    /// the text of any card it carries, one string a reply.</summary>
    public async Task<IReadOnlyList<string>> ShownAsync(string text)
        => [.. (await ExchangeAsync(text)).Select(r => string.Join("\n", r.SelectTokens("$..text").Select(t => t.ToString())))];

    /// <summary>An uploaded file as Teams delivers it in 1:1 chat.</summary>
    public static JObject UploadedFile(string name, string downloadUrl)
        => new()
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["name"] = name,
            ["content"] = new JObject { ["downloadUrl"] = downloadUrl, ["uniqueId"] = Guid.NewGuid().ToString(), ["fileType"] = name[(name.LastIndexOf('.') + 1)..] },
        };

    /// <summary>A pasted or inline image, whose contentUrl needs the bot's token.</summary>
    public static JObject InlineImage(string contentUrl, string contentType = "image/png")
        => new() { ["contentType"] = contentType, ["contentUrl"] = contentUrl };

    /// <summary>The formatted-message companion Teams sends along; never evidence.</summary>
    public static JObject HtmlCompanion(string html) => new() { ["contentType"] = "text/html", ["content"] = html };

    public async Task<IReadOnlyList<string>> SayAllAsync(params string[] lines)
    {
        IReadOnlyList<string> last = [];
        foreach (var line in lines)
        {
            last = await SayAsync(line);
        }

        return last;
    }

    /// <summary>Says a whole intake (<see cref="Intake.UpToReview"/>, or the <paramref name="lines"/>
    /// given), then <c>submit</c>, and returns the reference the receipt names; there must be one.</summary>
    public async Task<string> SubmitReportAsync(params string[] lines)
    {
        await SayAllAsync(lines.Length == 0 ? Intake.UpToReview() : lines);
        var receipt = string.Join("\n", await SayAsync("submit"));
        var reference = Receipt.ReferenceIn(receipt);
        Assert.True(reference.Length > 0, $"The submit was not receipted: {receipt}");
        return reference;
    }

    public Task<HttpResponseMessage> PostAsync(string json) => ApiMessages.PostAsync(client, json);

    /// <summary>The activity with this chat's locale, where Teams puts it: on the activity and in its
    /// clientInfo entity.</summary>
    private JObject WithLocale(string json)
    {
        var activity = JObject.Parse(json);
        if (Locale is not null)
        {
            activity["locale"] = Locale;
            activity["entities"] = new JArray { new JObject { ["type"] = "clientInfo", ["locale"] = Locale, ["platform"] = "Web" } };
        }

        return activity;
    }
}
