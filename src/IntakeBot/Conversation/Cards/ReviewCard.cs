using IntakeBot.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using IntakeBot.Storage;

namespace IntakeBot.Conversation.Cards;

/// <summary>What the review card shows: the words above it, its title, the classification line, the
/// line saying who receives the report (catalog text, already formatted), the parts in order, and how
/// to act on it (the only place the review says so when it is first shown).</summary>
public sealed record ReviewCardContent(string Intro, string Title, string Classification, string WhoReceives, IReadOnlyList<CardPart> Parts, string How);

/// <summary>The review as an Adaptive Card: every part numbered with its answer and an Edit button,
/// then Submit, Edit and Discard. Long answers are cut, with a note that the full text is kept, so
/// that the message stays under Teams' size limit however much was said.</summary>
public static class ReviewCard
{
    public const string SubmitChoice = "submit";
    public const string EditChoice = "edit";
    public const string DiscardChoice = "discard";
    public const string RemoveChoice = "remove";

    /// <summary>The most characters of one answer shown on the card.</summary>
    public const int MaxAnswerChars = 600;

    /// <summary>The most lines (messages, evidence items) of one answer shown on the card.</summary>
    public const int MaxLines = 10;

    /// <summary>Below this, a shortened answer says too little to be worth showing.</summary>
    private const int ShortestCut = 60;

    /// <summary>The review card. Teams shows a message's text above its card, so the text is only the
    /// line that introduces it and everything else is said once, on the card; the card's fallback (for
    /// a client that shows no cards) says it all in catalog wording. Neither carries the answers, so
    /// that a notification preview shows nothing of the report.</summary>
    public static Activity Create(TextCatalog text, ReviewCardContent content)
    {
        for (var limit = MaxAnswerChars; ; limit /= 2)
        {
            var body = Build(text, content, limit);
            body["fallbackText"] = string.Join("\n\n", content.Intro, content.WhoReceives, content.How);
            var card = AdaptiveCardJson.Message(body, content.Intro);
            if (AdaptiveCardJson.MessageBytes(card) <= AdaptiveCardJson.MaxMessageBytes || limit <= ShortestCut)
            {
                return card;
            }
        }
    }

    /// <summary>The parts as choices for "which part would you like to change?": numbered as on the
    /// card, by title, by id ("witnesses", "contact").</summary>
    public static IReadOnlyList<Choice> PartChoices(ReviewCardContent content)
        => [.. content.Parts.Select(p => new Choice(p.Id, p.Title))];

    private static JObject Build(TextCatalog text, ReviewCardContent content, int limit)
    {
        var body = new JArray
        {
            AdaptiveCardJson.Heading(content.Title, large: true),
            AdaptiveCardJson.Words(content.Classification, subtle: true, attention: true),
            AdaptiveCardJson.Words(content.WhoReceives, subtle: true),
        };
        for (var i = 0; i < content.Parts.Count; i++)
        {
            var part = content.Parts[i];
            var answer = new JArray { AdaptiveCardJson.Heading(text.Format(TextKey.ChoiceCardLine, i + 1, part.Title)) };
            var removable = part.Removable is { Count: > 0 } ids && ids.Count == part.Lines.Count;
            answer.Merge(removable ? new JArray() : Answer(text, part.Lines, limit));
            body.Add(new JObject
            {
                ["type"] = "ColumnSet",
                ["separator"] = true,
                ["spacing"] = "Medium",
                ["columns"] = new JArray
                {
                    new JObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = answer },
                    new JObject
                    {
                        ["type"] = "Column",
                        ["width"] = "auto",
                        ["items"] = new JArray { AdaptiveCardJson.ActionSet(AdaptiveCardJson.Submit(text[TextKey.CardEdit], EditChoice, part: part.Id)) },
                    },
                },
            });
            if (removable)
            {
                AddRemovable(text, body, part, limit);
            }
        }

        body.Add(AdaptiveCardJson.Words(content.How, subtle: true));

        return AdaptiveCardJson.Card(body, new JArray
        {
            AdaptiveCardJson.Submit(text[TextKey.ChoiceSubmit], SubmitChoice),
            AdaptiveCardJson.Submit(text[TextKey.ChoiceEdit], EditChoice),
            AdaptiveCardJson.Submit(text[TextKey.ChoiceDiscard], DiscardChoice),
        });
    }

    /// <summary>Each line numbered, with a Remove button beside it that sends the line's id; past
    /// <see cref="MaxLines"/>, a note of how many more (they can still be removed by number).</summary>
    private static void AddRemovable(TextCatalog text, JArray body, CardPart part, int limit)
    {
        for (var n = 0; n < part.Lines.Count && n < MaxLines; n++)
        {
            body.Add(new JObject
            {
                ["type"] = "ColumnSet",
                ["columns"] = new JArray
                {
                    new JObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = Answer(text, [text.Format(TextKey.ChoiceCardLine, n + 1, part.Lines[n])], limit) },
                    new JObject
                    {
                        ["type"] = "Column",
                        ["width"] = "auto",
                        ["items"] = new JArray { AdaptiveCardJson.ActionSet(AdaptiveCardJson.Submit(text[TextKey.CardRemove], RemoveChoice, part: part.Removable![n])) },
                    },
                },
            });
        }

        if (part.Lines.Count > MaxLines)
        {
            body.Add(AdaptiveCardJson.Words(text.Format(TextKey.CardMoreItems, part.Lines.Count - MaxLines), subtle: true));
        }
    }

    /// <summary>An answer as plain text (or, for <paramref name="markdown"/> lines in which everything
    /// typed is escaped already, as markdown), cut to <paramref name="limit"/> characters and
    /// <see cref="MaxLines"/> lines with a note when anything was left off the card.</summary>
    internal static JArray Answer(TextCatalog text, IReadOnlyList<string> lines, int limit, bool markdown = false)
    {
        if (lines.Count == 0)
        {
            return [AdaptiveCardJson.Words(text[TextKey.NotAnswered], subtle: true)];
        }

        var shown = string.Join("\n\n", lines.Take(MaxLines));
        var cut = shown.Length > limit;
        if (cut)
        {
            // Never split a surrogate pair: half an emoji is an invalid string in JSON.
            var end = char.IsHighSurrogate(shown[limit - 1]) ? limit - 1 : limit;
            shown = shown[..end].TrimEnd() + "…";
        }

        var items = new JArray { markdown ? AdaptiveCardJson.Words(shown) : AdaptiveCardJson.Plain(shown) };
        if (lines.Count > MaxLines)
        {
            items.Add(AdaptiveCardJson.Words(text.Format(TextKey.CardMoreItems, lines.Count - MaxLines), subtle: true));
        }
        else if (cut)
        {
            items.Add(AdaptiveCardJson.Words(text[TextKey.CardCut], subtle: true));
        }

        return items;
    }
}
