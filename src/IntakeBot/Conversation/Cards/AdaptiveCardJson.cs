using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation.Cards;

/// <summary>The pieces of an Adaptive Card 1.5 as JSON (the AdaptiveCards NuGet package is not
/// available here), and the message that carries one with a plain-text fallback.</summary>
public static class AdaptiveCardJson
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams refuses a bot message over its size limit (documented as 100 KB, 80 KB advised,
    /// 40 KB on older clients and 28 KB through connectors; counted in UTF-16). Cards stay under the
    /// smallest of these so they arrive everywhere.</summary>
    public const int MaxMessageBytes = 28 * 1024;

    /// <summary>The message: the card, and the same message in words in <c>text</c> for screen
    /// readers, notifications and clients that show no cards.</summary>
    public static Activity Message(JObject card, string fallback)
    {
        var activity = (Activity)MessageFactory.Attachment(new Attachment(ContentType, content: card));
        activity.Text = fallback;
        activity.TextFormat = TextFormatTypes.Markdown;
        return activity;
    }

    public static JObject Card(JArray body, JArray? actions = null)
    {
        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions is { Count: > 0 })
        {
            card["actions"] = actions;
        }

        return card;
    }

    /// <summary>Bot wording (markdown allowed: it comes from the catalog).</summary>
    public static JObject Heading(string text, bool large = false) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["weight"] = "Bolder",
        ["size"] = large ? "Medium" : "Default",
        ["wrap"] = true,
    };

    /// <summary>Bot wording (markdown allowed: it comes from the catalog).</summary>
    public static JObject Words(string text, bool subtle = false, bool attention = false)
    {
        var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
            block["size"] = "Small";
        }

        if (attention)
        {
            block["color"] = "Attention";
        }

        return block;
    }

    /// <summary>Someone's own words, shown exactly as typed: a TextRun is never read as markdown, so
    /// asterisks, links and list marks in a report stay plain text.</summary>
    public static JObject Plain(string text) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JArray { new JObject { ["type"] = "TextRun", ["text"] = text } },
    };

    public static JObject Submit(string title, string choice, string? part = null, string? reference = null, string? input = null)
    {
        var data = new JObject { [CardSubmission.ChoiceField] = choice };
        if (input is not null)
        {
            data[CardSubmission.InputField] = input;
        }

        if (part is not null)
        {
            data[CardSubmission.PartField] = part;
        }

        if (reference is not null)
        {
            data[CardSubmission.ReferenceField] = reference;
        }

        return new JObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };
    }

    public static JObject ActionSet(params JObject[] actions) => new() { ["type"] = "ActionSet", ["actions"] = new JArray(actions) };

    /// <summary>The size Teams counts: the whole activity as JSON, in UTF-16.</summary>
    public static int MessageBytes(Activity activity) => Encoding.Unicode.GetByteCount(JsonConvert.SerializeObject(activity));
}
