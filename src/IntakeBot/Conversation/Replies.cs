using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation;

/// <summary>Builds the bot's outgoing activities from catalog text.</summary>
public static class Replies
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>A first answer with the urgent-help contact after it: the listener does not hear every
    /// way of saying that someone is in danger, so the contact never waits to be heard. When the
    /// listener already gave it in this turn, the answer is left as it is: the contact is said once.</summary>
    public static string WithDangerFirst(ITurnContext turn, TextCatalog text, IntakeOptions options, string message)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        return ConversationTurn.Of(turn).UrgentHelpGiven ? message : $"{message}\n\n{text.Format(TextKey.DangerFirst, options.UrgentHelp)}";
    }

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

    /// <summary>A case's answers and evidence as an Adaptive Card under a title and a subtitle. Each answer
    /// shows at most <see cref="ReviewCard.MaxLines"/> lines and <paramref name="answerLimit"/> characters, with
    /// a note saying what was left off, so that the card fits in a Teams message however large the case.</summary>
    public static Activity Card(TextCatalog text, string title, string subtitle, IReadOnlyList<IntakeSection> sections, IntakeAnswers answers, IReadOnlyList<EvidenceItem> evidence, int answerLimit)
    {
        var body = new JArray
        {
            new JObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JObject { ["type"] = "TextBlock", ["text"] = subtitle, ["color"] = "Attention", ["size"] = "Small", ["wrap"] = true },
        };
        foreach (var section in sections)
        {
            IReadOnlyList<string> answer = section.Input == SectionInput.Evidence
                ? [.. evidence.Select(e => e.Message is { } message ? MessageQuote.ForCard(text, message) : text.Format(TextKey.EvidenceLine, e.SafeName, Sizes.Format(text, e.Size)))]
                : section.Shown(answers, text);
            body.Add(new JObject { ["type"] = "TextBlock", ["text"] = text[section.Title], ["weight"] = "Bolder", ["wrap"] = true, ["spacing"] = "Medium" });
            var lines = string.Join("\n\n", answer.Take(ReviewCard.MaxLines));
            var shown = Shortened(lines, answerLimit);
            body.Add(new JObject
            {
                ["type"] = "TextBlock",
                ["text"] = answer.Count == 0 ? text[TextKey.NotAnswered] : shown,
                ["wrap"] = true,
                ["isSubtle"] = answer.Count == 0,
            });
            if (answer.Count > ReviewCard.MaxLines || shown.Length != lines.Length)
            {
                var note = answer.Count > ReviewCard.MaxLines ? text.Format(TextKey.CardMoreItems, answer.Count - ReviewCard.MaxLines) : text[TextKey.CardCut];
                body.Add(new JObject { ["type"] = "TextBlock", ["text"] = note, ["wrap"] = true, ["isSubtle"] = true });
            }
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

    /// <summary>At most <paramref name="limit"/> characters, ending in "…" when cut, never inside a surrogate pair.</summary>
    public static string Shortened(string words, int limit)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Length <= limit)
        {
            return words;
        }

        var end = char.IsHighSurrogate(words[limit - 1]) ? limit - 1 : limit;
        return words[..end].TrimEnd() + "…";
    }
}
