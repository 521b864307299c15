using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Conversation;

/// <summary>A responder taking a report while someone tells them what happened: good-practice tips
/// at the start and on "tips", notes in the reporter's words, and a case the responder owns.</summary>
public sealed class TakeReportDialog(IntakeServices services)
    : IntakeDialog(Flow, services)
{
    public const string DialogId = "take-report";

    public static readonly IntakeFlow Flow = new(
        DialogId,
        CaseKind.TakenByResponder,
        ResponderSections.All,
        TextKey.TakeReportWelcome,
        TextKey.ResponderReviewCardTitle,
        TextKey.ResponderReviewCardClassification,
        TextKey.ResponderReceipt,
        TextKey.Tips,
        (TextKey.ResponderClosing, TextKey.ResponderClosingNoSupport),
        TextKey.SafetyWaitKeptNotes,
        ResponderSections.SavedPositions,
        TextKey.ResponderReviewCardText,
        TextKey.ResponderReviewWhoReceives);
}
