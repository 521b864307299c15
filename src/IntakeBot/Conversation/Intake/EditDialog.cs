using IntakeBot.Cases;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>Changing one part from the review: which part (by number, name or button), what it says
/// now, then its question again; the section loop returns to the review after it.</summary>
internal sealed class EditDialog : WaterfallDialog<NoValues>
{
    public const string DialogId = "edit";

    private readonly IntakeCommon _intake;
    private readonly TextCatalog _text;

    public EditDialog(IntakeCommon intake)
        : base(DialogId)
    {
        _intake = intake;
        _text = intake.Text;
        AddStep(AskWhichSectionStepAsync);
        AddStep(EditSectionStepAsync);
    }

    /// <summary>Shows the part's current answer, if any, and asks its question again.</summary>
    public async Task<DialogTurnResult> EditAsync(WaterfallStepContext<NoValues> step, IntakeSection section, CancellationToken cancellationToken)
    {
        var draft = await _intake.DraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var current = section.Shown(draft.Answers, _text);
        if (current.Count > 0)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text.Format(TextKey.CurrentAnswer, string.Join("\n\n", current))), cancellationToken).ConfigureAwait(false);
        }

        return await step.ReplaceDialogAsync(SectionLoopDialog.DialogId, new SectionCursor(section.Id, Editing: true), cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> AskWhichSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var parts = _intake.Sections.Select(s => new Choice(s.Id, _text[s.Title]));
        return step.BeginDialogAsync(IntakePrompts.Choice, ChoiceStepOptions.For(_text[TextKey.AskWhichSection], _text.Format(TextKey.PickOneAskAgain, _text[TextKey.AskWhichSection]), parts), cancellationToken);
    }

    private Task<DialogTurnResult> EditSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var picked = (PickedChoice)step.Result!;
        return EditAsync(step, _intake.SectionById(picked.Part) ?? _intake.SectionById(picked.Id) ?? _intake.Sections[picked.Index], cancellationToken);
    }
}
