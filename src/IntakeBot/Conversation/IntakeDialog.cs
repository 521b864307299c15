using IntakeBot.Cases;
using IntakeBot.Conversation.Intake;
using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation;

/// <summary>An intake: welcome, one section after another, review, and submit or discard. "help",
/// "pause", "report", "take a report", "tips" (where the flow has them) and an early "submit" are
/// answered at any step without losing it. The flow says which questions and words. Each part of the
/// conversation is a dialog of its own in <c>Conversation/Intake/</c>; their ids and steps are kept in
/// saved conversations, so a draft saved mid-intake carries on where it was.</summary>
public abstract class IntakeDialog : ComponentDialog
{
    public const string Submitted = "submitted";
    public const string Discarded = "discarded";

    private readonly IntakeInterruptions _interruptions;

    protected IntakeDialog(IntakeFlow flow, IntakeServices services)
        : base(flow.DialogId)
    {
        var intake = new IntakeCommon(flow, services);
        var sections = new SectionLoopDialog(intake);
        var edit = new EditDialog(intake);
        var safetyWait = new SafetyWaitDialog(intake);
        _interruptions = new IntakeInterruptions(intake, safetyWait);

        AddDialog(new WelcomeDialog(intake));
        AddDialog(sections);
        var review = new ReviewDialog(intake, edit);
        AddDialog(review);
        AddDialog(edit);
        AddDialog(new DiscardDialog(intake));
        AddDialog(new TextPrompt(IntakePrompts.RequiredText));
        AddDialog(new TextPrompt(IntakePrompts.RequiredWhen));
        AddDialog(new TextPrompt(IntakePrompts.OptionalText));
        AddDialog(ContactEmailDialog.Prompt());
        AddDialog(new ContactEmailDialog(intake));
        AddDialog(safetyWait);
        AddDialog(new ChoiceStepPrompt(IntakePrompts.Choice, services.Text, review.KeepTypedAsync, review.ShowCardAsync, intake.AsksToChange));
        AddDialog(new ChoiceStepPrompt(IntakePrompts.SectionChoice, services.Text, sections.KeepTypedAheadAsync));
        foreach (var section in flow.Sections.Where(s => s.Input == SectionInput.Account))
        {
            AddDialog(new AccountPrompt(IntakePrompts.Account(section), services.Text, SaveAccountAsync(intake, section), services.Limits.Value.AccountMessages));
        }

        AddDialog(new EvidencePrompt(IntakePrompts.Evidence, services.Text, services.Evidence, intake.EnsureCaseAsync));

        InitialDialogId = WelcomeDialog.DialogId;
    }

    /// <summary>Each message of an account is saved as it arrives; a responder's note that records a
    /// promise gets the reminder about promises with its acknowledgement.</summary>
    private static Func<ITurnContext, IReadOnlyList<string>, CancellationToken, Task<string?>> SaveAccountAsync(IntakeCommon intake, IntakeSection section)
        => async (turn, messages, ct) =>
        {
            await intake.SaveAnswerAsync(turn, section, new SectionAnswer(null, messages), ct).ConfigureAwait(false);
            return await intake.PromiseReminderAsync(turn, messages[^1], ct).ConfigureAwait(false);
        };

    protected override Task<bool> OnInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
        => _interruptions.HandleAsync(innerDc, cancellationToken);
}
