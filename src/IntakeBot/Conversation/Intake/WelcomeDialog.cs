using IntakeBot.Cases;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>The start of an intake: the flow's welcome (and for a self-report, what happens to the
/// data and the support line, in the same message), then the first section: two messages, so that
/// the first question is not buried under a stack of them.</summary>
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
        draft.FollowsOn = start?.FollowsOn;
        draft.Identity = start?.Identity ?? IdentityChoice.Named;
        if (start?.FirstAccount is { Count: > 0 } first)
        {
            // What they wrote before saying yes is the account's first part, asked for first.
            draft.Answers = _intake.AccountSection.Write(draft.Answers, new SectionAnswer(null, first));
        }
        var welcome = new List<string> { text.Format(_intake.Flow.Welcome, _intake.Options.FaqUrl, start?.FollowsOn ?? string.Empty, _intake.Options.UrgentHelp) };
        if (_intake.Flow.Kind == CaseKind.SelfReport)
        {
            welcome.Add(text.Format(TextKey.WelcomeData, _intake.Options.OwnerRole));
            if (!string.IsNullOrWhiteSpace(_intake.Options.SupportResource))
            {
                welcome.Add(text.Format(TextKey.SupportLine, _intake.Options.SupportResource));
            }

            if (_intake.OffersConfidential)
            {
                welcome.Add(text.Format(TextKey.WelcomeConfidential, _intake.Options.OwnerRole));
            }
        }

        await step.Context.SendActivityAsync(MessageFactory.Text(string.Join("\n\n", welcome)), cancellationToken).ConfigureAwait(false);

        return await step.ReplaceDialogAsync(SectionLoopDialog.DialogId, new SectionCursor(_intake.Sections[0].Id, Editing: false), cancellationToken).ConfigureAwait(false);
    }
}
