using IntakeBot.Dialogs;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>A message read before it reaches the intake's waiting step, with the draft and the
/// intake's inner stack it arrived at. A class, not a record: what was said never goes into a
/// generated <c>ToString</c>.</summary>
internal sealed class IntakeMessage(DialogContext dc, IntakeDraft draft, string? said, CancellationToken cancellationToken)
{
    public DialogContext Dc { get; } = dc;

    public IntakeDraft Draft { get; } = draft;

    public string? Said { get; } = said;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public ITurnContext Turn => Dc.Context;

    /// <summary>The id of the step waiting for the message (a prompt, or a waterfall between prompts).</summary>
    public string? Active => Dc.ActiveDialog?.Id;

    /// <summary>Whether the review is the dialog at the bottom of the intake's inner stack.</summary>
    public bool AtReview => Dc.Stack.LastOrDefault()?.Id == ReviewDialog.DialogId;

    /// <summary>A message, then the waiting step's question again; always true (the message was answered).</summary>
    public async Task<bool> RepromptAfterAsync(string text)
    {
        await Turn.SendActivityAsync(MessageFactory.Text(text), CancellationToken).ConfigureAwait(false);
        await Dc.RepromptDialogAsync(CancellationToken).ConfigureAwait(false);
        return true;
    }
}
