using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Conversation;

/// <summary>A reporter whose closed case's harm happened again (<c>again IR-…</c>): only what is new
/// (what happened, when, evidence, anything else) is asked, since the closed case holds the rest. The
/// new case has its own reference and deadlines, goes to the closed case's owner, keeps its identity
/// choice, and is linked to it (<see cref="CaseRecord.FollowsOn"/>).</summary>
public sealed class FollowOnDialog(IntakeServices services)
    : IntakeDialog(Flow, services)
{
    public const string DialogId = "follow-on";

    public static readonly IntakeFlow Flow = new(
        DialogId,
        CaseKind.SelfReport,
        [.. ReporterSections.FollowOn.Select(s => s.Input == SectionInput.Account ? s with { Prompt = TextKey.AskFollowOnWhatHappened } : s)],
        TextKey.FollowOnWelcome,
        TextKey.ReviewCardTitle,
        TextKey.ReviewCardClassification,
        TextKey.SubmittedReceipt,
        ReviewWhoReceives: TextKey.FollowOnWhoReceives,
        KeepsIdentity: true);
}
