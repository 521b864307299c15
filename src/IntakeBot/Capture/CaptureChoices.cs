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

    /// <summary>A responder taking a report: attach it to that report, or delete it.</summary>
    public static IReadOnlyList<Choice> Responder(TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [new(Attach, text[TextKey.ChoiceCaptureAttach]), new(NotNow, text[TextKey.ChoiceCaptureDelete])];
    }
}
