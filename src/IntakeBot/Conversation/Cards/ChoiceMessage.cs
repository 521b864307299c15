using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation.Cards;

/// <summary>A question with choices, the way Teams can show it: up to three as suggested actions
/// (Teams shows no more), more as a card with a numbered button per choice. Either way every choice
/// can also be typed (<see cref="ChoiceMatcher"/>).</summary>
public static class ChoiceMessage
{
    /// <summary>Teams shows at most this many suggested actions and silently drops the rest.</summary>
    public const int MaxSuggestedActions = 3;

    public static Activity Create(TextCatalog text, string prompt, IReadOnlyList<Choice> choices)
    {
        if (choices.Count > MaxSuggestedActions)
        {
            return Card(text, prompt, choices);
        }

        var activity = MessageFactory.Text(prompt);
        activity.TextFormat = TextFormatTypes.Markdown;
        if (choices.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions = [.. choices.Select(c => new CardAction(ActionTypes.ImBack, c.Title, value: c.Title))],
            };
        }

        return activity;
    }

    /// <summary>A card with one numbered button per choice, each in its own row so that any number
    /// of them fits; the text fallback lists the same numbers and titles. Every button carries
    /// <paramref name="reference"/>, when given: what the choices are about.</summary>
    public static Activity Card(TextCatalog text, string prompt, IReadOnlyList<Choice> choices, string? reference = null)
    {
        var body = new JArray { AdaptiveCardJson.Words(prompt) };
        for (var i = 0; i < choices.Count; i++)
        {
            body.Add(AdaptiveCardJson.ActionSet(AdaptiveCardJson.Submit(Numbered(text, i, choices[i]), choices[i].Id, reference: reference)));
        }

        var list = string.Join("\n", choices.Select((c, i) => Numbered(text, i, c)));
        return AdaptiveCardJson.Message(AdaptiveCardJson.Card(body), text.Format(TextKey.ChoiceCardText, prompt, list));
    }

    private static string Numbered(TextCatalog text, int index, Choice choice) => text.Format(TextKey.ChoiceCardLine, index + 1, choice.Title);
}
