using IntakeBot.Conversation;
using IntakeBot.Text;

namespace IntakeBot.Capture;

/// <summary>What a person can do with a message they kept: more choices than Teams' three suggested
/// actions, so the offer is a card with a button each (<see cref="Conversation.Cards.ChoiceMessage"/>),
/// and every choice can be typed too (its number, its title, or the older words "Start a report with
/// it", "Delete it", "add to IR-…").</summary>
public static class CaptureChoices
{
    public const string Evidence = "capture-evidence";
    public const string Account = "capture-account";
    public const string NotNow = "capture-not-now";
    public const string Attach = "capture-attach";
    public const string AddToPrefix = "capture-add:";

    /// <summary>Adds the kept messages to the report being written or taken.</summary>
    public const string Include = "capture-include";

    private const string Prefix = "capture-";

    /// <summary>Most of the person's open reports offered as buttons; any other is reached by typing
    /// <c>add to</c> and its reference.</summary>
    public const int MaxAddTo = 3;

    /// <summary>No intake running: a report with it as evidence, a report with its words as the start
    /// of the account, one of the person's open reports, or not now (which deletes it).</summary>
    public static IReadOnlyList<Choice> Offer(TextCatalog text, IEnumerable<string> openReports)
    {
        ArgumentNullException.ThrowIfNull(text);
        return
        [
            new(Evidence, text[TextKey.ChoiceCaptureEvidence], [text[TextKey.ChoiceCaptureStart]]),
            new(Account, text[TextKey.ChoiceCaptureAccount], []),
            .. openReports.Take(MaxAddTo).Select(r => new Choice(AddToPrefix + r, text.Format(TextKey.ChoiceCaptureAddTo, r), [text.Format(TextKey.ChoiceAddTo, r)])),
            new(NotNow, text[TextKey.ChoiceCaptureNotNow], [text[TextKey.ChoiceCaptureDelete]]),
        ];
    }

    /// <summary>Whether a card button is one of these: only those are answered here, whatever runs.</summary>
    public static bool IsCaptureChoice(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.StartsWith(Prefix, StringComparison.Ordinal);
    }

    /// <summary>Offered when a report starts while messages are kept.</summary>
    public static Choice IncludeChoice(TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(Include, text[TextKey.ChoiceCaptureInclude]);
    }

    /// <summary>A responder taking a report: attach it to that report, or delete it.</summary>
    public static IReadOnlyList<Choice> Responder(TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [new(Attach, text[TextKey.ChoiceCaptureAttach]), new(NotNow, text[TextKey.ChoiceCaptureDelete])];
    }
}
