using IntakeBot.Conversation.Cards;
using IntakeBot.Evidence;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation.Intake;

/// <summary>Pausing an intake and coming back to it, and "stop" (keep it paused, or delete it). Both
/// are kept in the draft (<see cref="IntakeDraft.Paused"/>, <see cref="IntakeDraft.StopAsked"/>), not
/// on the dialog stack, so the step that was waiting keeps waiting underneath.</summary>
internal sealed class PauseAndStop(IntakeCommon intake)
{
    private readonly TextCatalog _text = intake.Text;

    public async Task<bool> PauseAsync(IntakeMessage message)
    {
        message.Draft.Paused = true;
        await intake.SendWithSupportAsync(message.Turn, _text[TextKey.Paused], message.CancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> AskStopAsync(IntakeMessage message)
    {
        message.Draft.StopAsked = true;
        await message.Turn.SendActivityAsync(ChoiceMessage.Create(_text, _text[TextKey.ConfirmStop], StopChoices()), message.CancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The answer to "keep it paused or delete it?". False when the message was something
    /// else: the question lapses and the message is taken as usual.</summary>
    public async Task<bool> StopAnsweredAsync(IntakeMessage message)
    {
        message.Draft.StopAsked = false;
        var turn = message.Turn;
        var choices = StopChoices();
        var picked = ChoiceMatcher.Match(CardSubmission.Read(turn.Activity.Value), choices) ?? ChoiceMatcher.Match(_text, turn.Activity.Text, choices);
        if (picked is null)
        {
            return false;
        }

        if (picked == choices[0])
        {
            return await PauseAsync(message).ConfigureAwait(false);
        }

        // Deleting was the choice just made: the discard runs without asking a second time.
        await message.Dc.CancelAllDialogsAsync(message.CancellationToken).ConfigureAwait(false);
        await message.Dc.BeginDialogAsync(DiscardDialog.DialogId, DiscardDialog.StopConfirmed, message.CancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The message that ends a pause is used: files are stored, text at a step that takes
    /// text is its answer. True when the message was handled here.</summary>
    public async Task<bool> ResumeAsync(IntakeMessage message)
    {
        message.Draft.Paused = false;
        var turn = message.Turn;
        var said = message.Said;
        if (EvidenceIntake.HasFiles(turn.Activity))
        {
            var replies = await intake.Evidence.TakeAsync(turn, ConversationTurn.Of(turn).Transcript, await intake.EnsureCaseAsync(turn, message.CancellationToken).ConfigureAwait(false), message.CancellationToken).ConfigureAwait(false);
            await turn.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r))], message.CancellationToken).ConfigureAwait(false);
            await ShowWhereWeAreAsync(message, _text.Format(TextKey.WelcomeBackKeptFiles, replies.Count)).ConfigureAwait(false);
            return true;
        }

        if (intake.IsControlWord(said) || (SafetyWaitDialog.IsWaiting(message.Dc) && !string.IsNullOrEmpty(said)))
        {
            // At the wait after the urgent-help contact, text is kept (or carries on) as it would be unpaused.
            return false;
        }

        var active = message.Active;
        var takesText = active is IntakePrompts.RequiredText or IntakePrompts.RequiredWhen or IntakePrompts.OptionalText || IntakePrompts.IsAccount(active);
        if (takesText && !string.IsNullOrEmpty(said))
        {
            await turn.SendActivityAsync(MessageFactory.Text(_text[TextKey.WelcomeBackKeptText]), message.CancellationToken).ConfigureAwait(false);
            return false;
        }

        await ShowWhereWeAreAsync(message, _text[TextKey.WelcomeBack]).ConfigureAwait(false);
        return true;
    }

    /// <summary>A message, then the open question again; at the review, the review card again.</summary>
    private static async Task ShowWhereWeAreAsync(IntakeMessage message, string text)
    {
        if (message.AtReview)
        {
            await message.Turn.SendActivityAsync(MessageFactory.Text(text), message.CancellationToken).ConfigureAwait(false);
            await message.Dc.CancelAllDialogsAsync(message.CancellationToken).ConfigureAwait(false);
            await message.Dc.BeginDialogAsync(ReviewDialog.DialogId, null, message.CancellationToken).ConfigureAwait(false);
            return;
        }

        await message.RepromptAfterAsync(text).ConfigureAwait(false);
    }

    private IReadOnlyList<Choice> StopChoices()
        => [new(nameof(TextKey.ChoiceKeepPaused), _text[TextKey.ChoiceKeepPaused]), new(nameof(TextKey.ChoiceDeleteDraft), _text[TextKey.ChoiceDeleteDraft])];
}
