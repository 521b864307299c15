using IntakeBot.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation.Cards;

/// <summary>Who can read a case file now: the name shown and the address a revoke uses.</summary>
public sealed record CardReader(string Name, string Address);

/// <summary>What the owner's case card shows. The strings are catalog text already formatted
/// (title, facts, access, and notes such as additions and the audit); the parts' lines and the notes
/// are markdown in which everything a person typed is escaped (<see cref="Text.PlainText"/>), so that
/// a kept Teams message can carry its link and nothing typed can add one.</summary>
public sealed record CaseCardContent(
    string Reference,
    string Title,
    string Facts,
    bool NoContactRequested,
    bool SafetyConcern,
    IReadOnlyList<CardPart> Parts,
    string Access,
    IReadOnlyList<CardReader> Readers,
    IReadOnlyList<string> Notes,
    Uri? Workspace = null);

/// <summary>The owner's view of one case, with the owner's actions as buttons: who can read it,
/// share with one named person (an address field), and take one person's access away (a list of
/// the current readers). The buttons send what the typed commands say; "Open in workspace", when the
/// chat links to the tab, opens the case there.</summary>
public static class CaseCard
{
    public const string AccessChoice = "access";
    public const string ShareChoice = "share";
    public const string RevokeChoice = "revoke";

    /// <summary>The card; the text fallback is the title and facts only (after the no-contact request,
    /// when there is one): the reference and status, no content, as for any message that may show in a
    /// notification.</summary>
    public static Activity Create(TextCatalog text, CaseCardContent content)
    {
        var fallback = content.NoContactRequested ? $"**{text[TextKey.TitleNoContact]}**\n\n{content.Title}\n\n{content.Facts}" : $"{content.Title}\n\n{content.Facts}";
        if (content.SafetyConcern)
        {
            fallback = $"**{text[TextKey.TitleSafetyConcern]}**\n\n{fallback}";
        }

        for (var limit = ReviewCard.MaxAnswerChars; ; limit /= 2)
        {
            var card = AdaptiveCardJson.Message(Build(text, content, limit), fallback);
            if (AdaptiveCardJson.MessageBytes(card) <= AdaptiveCardJson.MaxMessageBytes || limit <= 60)
            {
                return card;
            }
        }
    }

    private static JObject Build(TextCatalog text, CaseCardContent content, int limit)
    {
        var body = new JArray();
        if (content.SafetyConcern)
        {
            // Before everything else, the request not to be contacted included: it may decide what the owner does first.
            body.Add(Banner(text[TextKey.TitleSafetyConcern], text[TextKey.CardSafetyConcernBanner]));
        }

        if (content.NoContactRequested)
        {
            // First on the card, where nobody about to write to the reporter can miss it.
            var heading = AdaptiveCardJson.Heading(text[TextKey.TitleNoContact], large: true);
            heading["color"] = "Attention";
            body.Add(new JObject
            {
                ["type"] = "Container",
                ["style"] = "attention",
                ["items"] = new JArray { heading, AdaptiveCardJson.Words(text[TextKey.CardNoContactBanner]) },
            });
        }

        body.Add(AdaptiveCardJson.Heading(content.Title, large: true));
        body.Add(AdaptiveCardJson.Words(content.Facts, subtle: true));

        foreach (var part in content.Parts)
        {
            var heading = AdaptiveCardJson.Heading(part.Title);
            heading["separator"] = true;
            heading["spacing"] = "Medium";
            body.Add(heading);
            body.Merge(ReviewCard.Answer(text, part.Lines, limit, markdown: true));
        }

        body.Add(AdaptiveCardJson.Words(content.Access));
        foreach (var note in content.Notes)
        {
            body.Add(AdaptiveCardJson.Words(Cut(note, limit)));
        }

        var actions = new JArray
        {
            AdaptiveCardJson.Submit(text[TextKey.CardWhoCanRead], AccessChoice, reference: content.Reference),
            ShowCard(text[TextKey.CardShare], new JArray
            {
                new JObject
                {
                    ["type"] = "Input.Text",
                    ["id"] = CardSubmission.ShareAddressInput,
                    ["label"] = text[TextKey.CardAddress],
                    ["placeholder"] = text[TextKey.CardAddressExample],
                    ["style"] = "Email",
                    ["maxLength"] = 320,
                },
            }, AdaptiveCardJson.Submit(text[TextKey.CardShare], ShareChoice, reference: content.Reference, input: CardSubmission.ShareAddressInput)),
        };
        if (content.Readers.Count > 0)
        {
            actions.Add(ShowCard(text[TextKey.CardRevoke], new JArray
            {
                new JObject
                {
                    ["type"] = "Input.ChoiceSet",
                    ["id"] = CardSubmission.RevokeAddressInput,
                    ["label"] = text[TextKey.CardRevokeWhom],
                    ["style"] = "expanded",
                    ["choices"] = new JArray(content.Readers.Select(r => new JObject { ["title"] = r.Name, ["value"] = r.Address })),
                },
            }, AdaptiveCardJson.Submit(text[TextKey.CardRevoke], RevokeChoice, reference: content.Reference, input: CardSubmission.RevokeAddressInput)));
        }

        if (content.Workspace is { } workspace)
        {
            actions.Add(new JObject { ["type"] = "Action.OpenUrl", ["title"] = text[TextKey.CardOpenInWorkspace], ["url"] = workspace.AbsoluteUri });
        }

        return AdaptiveCardJson.Card(body, actions);
    }

    private static JObject Banner(string title, string words)
    {
        var heading = AdaptiveCardJson.Heading(title, large: true);
        heading["color"] = "Attention";
        return new JObject
        {
            ["type"] = "Container",
            ["style"] = "attention",
            ["items"] = new JArray { heading, AdaptiveCardJson.Words(words) },
        };
    }

    private static JObject ShowCard(string title, JArray body, JObject submit) => new()
    {
        ["type"] = "Action.ShowCard",
        ["title"] = title,
        ["card"] = new JObject { ["type"] = "AdaptiveCard", ["body"] = body, ["actions"] = new JArray { submit } },
    };

    private static string Cut(string note, int limit) => note.Length <= limit ? note : note[..(char.IsHighSurrogate(note[limit - 1]) ? limit - 1 : limit)] + "…";
}
