using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>Deleting the draft: asked once ("delete" or "keep"), or not at all when begun with
/// <see cref="StopConfirmed"/> (the person has just chosen to delete after "stop"). Keeping it goes
/// back to the review.</summary>
internal sealed class DiscardDialog : WaterfallDialog<NoValues>
{
    public const string DialogId = "discard";

    /// <summary>The options that say deleting was already chosen.</summary>
    public const string StopConfirmed = "stop-confirmed";

    private readonly IntakeCommon _intake;
    private readonly TextCatalog _text;

    public DiscardDialog(IntakeCommon intake)
        : base(DialogId)
    {
        _intake = intake;
        _text = intake.Text;
        AddStep(ConfirmDiscardStepAsync);
        AddStep(DiscardStepAsync);
    }

    private Task<DialogTurnResult> ConfirmDiscardStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
        => step.Options<string>() == StopConfirmed
            ? step.NextAsync(new PickedChoice(nameof(TextKey.ChoiceDeleteDraft), 0, null), cancellationToken)
            : step.BeginDialogAsync(IntakePrompts.Choice, ChoiceStepOptions.For(
            _text[TextKey.ConfirmDiscard],
            _text.Format(TextKey.PickOneAskAgain, _text[TextKey.ConfirmDiscard]),
            [new(nameof(TextKey.ChoiceDeleteDraft), _text[TextKey.ChoiceDeleteDraft]), new(nameof(TextKey.ChoiceKeepDraft), _text[TextKey.ChoiceKeepDraft])]), cancellationToken);

    private async Task<DialogTurnResult> DiscardStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        if (((PickedChoice)step.Result!).Index != 0)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text[TextKey.DiscardCancelled]), cancellationToken).ConfigureAwait(false);
            return await step.ReplaceDialogAsync(ReviewDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
        }

        var draft = await _intake.DraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        await CaseDrafts.DiscardAsync(step.Context, draft, cancellationToken).ConfigureAwait(false);
        await step.Context.SendActivityAsync(MessageFactory.Text(PrivacyText.Discarded(_text, _intake.Retention)), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(IntakeDialog.Discarded, cancellationToken).ConfigureAwait(false);
    }
}
