using IntakeBot.Cases;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>The start of an intake: the flow's welcome (and for a self-report, what happens to the
/// data), then the first section.</summary>
internal sealed class WelcomeDialog : WaterfallDialog<NoValues>
{
    public const string DialogId = "welcome";

    private readonly IntakeCommon _intake;

    public WelcomeDialog(IntakeCommon intake)
        : base(DialogId)
    {
        _intake = intake;
        AddStep(WelcomeStepAsync);
    }

    private async Task<DialogTurnResult> WelcomeStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var text = _intake.Text;
        var draft = await _intake.DraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var start = step.Options<IntakeStart>();
        draft.Kind = _intake.Flow.Kind;
        draft.Owner = start?.Owner;
        if (start?.FirstAccount is { Count: > 0 } first)
        {
            // What they wrote before saying yes is the account's first part, asked for first.
            draft.Answers = _intake.AccountSection.Write(draft.Answers, new SectionAnswer(null, first));
        }
        await step.Context.SendActivityAsync(MessageFactory.Text(text.Format(_intake.Flow.Welcome, _intake.Options.FaqUrl)), cancellationToken).ConfigureAwait(false);
        if (_intake.Flow.Kind == CaseKind.SelfReport)
        {
            await _intake.SendWithSupportAsync(step.Context, text.Format(TextKey.WelcomeData, _intake.Options.OwnerRole), cancellationToken).ConfigureAwait(false);
            if (_intake.OffersConfidential)
            {
                await step.Context.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.WelcomeConfidential, _intake.Options.OwnerRole)), cancellationToken).ConfigureAwait(false);
            }
        }

        return await step.ReplaceDialogAsync(SectionLoopDialog.DialogId, new SectionCursor(_intake.Sections[0].Id, Editing: false), cancellationToken).ConfigureAwait(false);
    }
}
