using IntakeBot.Cases;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation;

/// <summary>Builds the bot's outgoing activities from catalog text.</summary>
public static class Replies
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>A message with suggested actions; typing the words works just as well as tapping.</summary>
    public static Activity WithChoices(string message, params IEnumerable<string> choices)
    {
        var activity = MessageFactory.Text(message);
        activity.TextFormat = TextFormatTypes.Markdown;
        var actions = choices.ToList();
        if (actions.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions = [.. actions.Select(c => new CardAction(ActionTypes.ImBack, c, value: c))],
            };
        }

        return activity;
    }

    /// <summary>A case's answers and evidence as an Adaptive Card under a title and a subtitle.</summary>
    public static Activity Card(TextCatalog text, string title, string subtitle, IReadOnlyList<IntakeSection> sections, IntakeAnswers answers, IReadOnlyList<EvidenceItem> evidence)
    {
        var body = new JArray
        {
            new JObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JObject { ["type"] = "TextBlock", ["text"] = subtitle, ["color"] = "Attention", ["size"] = "Small", ["wrap"] = true },
        };
        foreach (var section in sections)
        {
            IReadOnlyList<string> answer = section.Input == SectionInput.Evidence
                ? [.. evidence.Select(e => text.Format(TextKey.EvidenceLine, e.SafeName, e.Size))]
                : section.Read(answers);
            body.Add(new JObject { ["type"] = "TextBlock", ["text"] = text[section.Title], ["weight"] = "Bolder", ["wrap"] = true, ["spacing"] = "Medium" });
            body.Add(new JObject
            {
                ["type"] = "TextBlock",
                ["text"] = answer.Count == 0 ? text[TextKey.NotAnswered] : string.Join("\n\n", answer),
                ["wrap"] = true,
                ["isSubtle"] = answer.Count == 0,
            });
        }

        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        return (Activity)MessageFactory.Attachment(new Attachment(AdaptiveCardContentType, content: card));
    }
}
