using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Conversation;

/// <summary>A person reporting for themselves, at their own pace. The case goes to the default owner.</summary>
public sealed class ReportDialog(IntakeServices services)
    : IntakeDialog(Flow, services)
{
    public const string DialogId = "report";

    public static readonly IntakeFlow Flow = new(
        DialogId,
        CaseKind.SelfReport,
        ReporterSections.All,
        TextKey.Welcome,
        TextKey.ReviewCardTitle,
        TextKey.ReviewCardClassification,
        TextKey.SubmittedReceipt,
        SavedPositions: ReporterSections.SavedPositions);
}
