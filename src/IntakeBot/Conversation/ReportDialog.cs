using IntakeBot.Cases;
using IntakeBot.Responders;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>A person reporting for themselves, at their own pace. The case goes to the default owner.</summary>
public sealed class ReportDialog(TextCatalog text, ConversationStateAccessors state, CaseDrafts drafts, OwnerNotifier notifier, IOptions<IntakeOptions> options)
    : IntakeDialog(Flow, text, state, drafts, notifier, options)
{
    public const string DialogId = "report";

    private static readonly IntakeFlow Flow = new(
        DialogId,
        CaseKinds.SelfReport,
        ReporterSections.All,
        TextKey.Welcome,
        TextKey.ReviewCardTitle,
        TextKey.ReviewCardClassification,
        TextKey.Receipt);
}
