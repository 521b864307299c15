using IntakeBot.Cases;
using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation.Intake;

/// <summary>What is answered at any step of an intake without losing it, as one table read in order:
/// the answer to a pending "stop" question, the message that ends a pause, files, a press on an old
/// card, "skip" at a question that needs an answer, the words (help, pause, stop, privacy, report,
/// tips, an early submit), a request to hear the question again, text written during the safety wait,
/// and a wish to change an earlier answer. The first row that applies and
/// answers the message ends the turn; a row that applies but leaves the message lets the rows below
/// try, and a message no row answers goes on to the waiting step.</summary>
internal sealed class IntakeInterruptions
{
    private readonly IntakeCommon _intake;
    private readonly TextCatalog _text;
    private readonly IReadOnlyList<Interruption> _table;

    public IntakeInterruptions(IntakeCommon intake, SafetyWaitDialog safetyWait)
    {
        _intake = intake;
        _text = intake.Text;
        var pause = new PauseAndStop(intake);
        var options = intake.Options;
        _table =
        [
            new(m => m.Draft.StopAsked, pause.StopAnsweredAsync),
            new(m => m.Draft.Paused, pause.ResumeAsync),
            // Files sent at any step are taken as evidence, and the step waits for its answer.
            new(m => EvidenceIntake.HasFiles(m.Turn.Activity) && m.Active != IntakePrompts.Evidence, TakeFilesAsync),
            // A button on an earlier card: Teams sends its press with no text, which is not an empty answer.
            new(m => string.IsNullOrEmpty(m.Said) && m.Turn.Activity.Value is not null && m.Active is not (IntakePrompts.Choice or IntakePrompts.SectionChoice), m => m.RepromptAfterAsync(_text[TextKey.CardPressedElsewhere])),
            new(m => m.Active is IntakePrompts.RequiredText or IntakePrompts.RequiredWhen && _text.IsWord(m.Said, TextKey.ChoiceSkip), AnswerNeededAsync),
            Word(TextKey.ChoiceHelp, m => m.RepromptAfterAsync(_text.Format(TextKey.IntakeHelp, options.FaqUrl))),
            Word(TextKey.ChoicePause, pause.PauseAsync),
            Word(TextKey.ChoiceStop, pause.AskStopAsync),
            // Only a self-report with confidential reporting configured has the rows for choosing it.
            .. intake.OffersConfidential
                ? new[] { Word(TextKey.ChoiceConfidential, m => ChooseAsync(m, IdentityChoice.Confidential, TextKey.ConfidentialChosen)), Word(TextKey.ChoiceNamed, m => ChooseAsync(m, IdentityChoice.Named, TextKey.NamedChosen)) }
                : [],
            Word(TextKey.ChoicePrivacy, m => m.RepromptAfterAsync(PrivacyText.Notice(_text, intake.Retention, options.OwnerRole, options.FaqUrl))),
            Word(TextKey.ChoiceReport, m => m.RepromptAfterAsync(_text[TextKey.AlreadyReporting])),
            Word(TextKey.ChoiceTakeReport, m => m.RepromptAfterAsync(_text[TextKey.AlreadyReporting])),
            // Only a flow with tips has the row for "tips".
            .. intake.Flow.Tips is { } tips ? new[] { Word(TextKey.ChoiceTips, m => m.RepromptAfterAsync(_text.Format(tips, options.FaqUrl))) } : [],
            new(m => _text.IsWord(m.Said, TextKey.ChoiceSubmit) && !m.AtReview, m => m.RepromptAfterAsync(_text[TextKey.SubmitAtReview])),
            // "can u repeat", "sorry what?": the question again, and nothing taken as its answer.
            new(m => intake.AsksAgain(m.Said), AskAgainAsync),
            new(
                m => SafetyWaitDialog.IsWaiting(m.Dc) && !string.IsNullOrEmpty(m.Said) && !safetyWait.IsCarryOn(m.Said) && !intake.IsControlWord(m.Said) && !_text.IsGreeting(m.Said),
                m => safetyWait.KeepWhileWaitingAsync(m.Turn, m.Draft, m.Said!, m.CancellationToken)),
            // "wait I got the date wrong" at a question after the account is no answer to it: kept with
            // the account, and the person told where parts are changed (the review asks which part).
            new(m => m.Dc.Stack.LastOrDefault()?.Id == SectionLoopDialog.DialogId && !IntakePrompts.IsAccount(m.Active) && intake.AsksToChange(m.Said), KeepChangeAsync),
        ];
    }

    /// <summary>True when the message was answered here (the step stays where it was and waits).</summary>
    public async Task<bool> HandleAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var draft = await _intake.DraftAsync(innerDc.Context, cancellationToken).ConfigureAwait(false);
        var message = new IntakeMessage(innerDc, draft, innerDc.Context.Activity.Text?.Trim(), cancellationToken);
        foreach (var row in _table)
        {
            if (row.Applies(message) && await row.AnswerAsync(message).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    private Interruption Word(TextKey word, Func<IntakeMessage, Task<bool>> answer) => new(m => _text.IsWord(m.Said, word), answer);

    /// <summary>Records whether the handlers see who is reporting, says plainly what that means, and
    /// the step waits on.</summary>
    private Task<bool> ChooseAsync(IntakeMessage message, IdentityChoice choice, TextKey explanation)
    {
        message.Draft.Identity = choice;
        return message.RepromptAfterAsync(_text.Format(explanation, _intake.Options.OwnerRole));
    }

    private async Task<bool> TakeFilesAsync(IntakeMessage message)
    {
        var turn = message.Turn;
        var replies = await _intake.Evidence.TakeAsync(turn, ConversationTurn.Of(turn).Transcript, await _intake.EnsureCaseAsync(turn, message.CancellationToken).ConfigureAwait(false), message.CancellationToken).ConfigureAwait(false);
        await turn.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r))], message.CancellationToken).ConfigureAwait(false);
        await message.Dc.RepromptDialogAsync(message.CancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> AskAgainAsync(IntakeMessage message)
    {
        await message.Dc.RepromptDialogAsync(message.CancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> KeepChangeAsync(IntakeMessage message)
    {
        var kept = await _intake.KeepInAccountAsync(message.Turn, message.Said!, message.CancellationToken).ConfigureAwait(false);
        return await message.RepromptAfterAsync(kept ? $"{_intake.KeptInAccount} {_text[TextKey.ChangeAtReview]}" : _text[TextKey.ChangeAtReview]).ConfigureAwait(false);
    }

    /// <summary>One kind message saying why the answer helps, and the question stays open; repeating the
    /// question straight after would read as pressure.</summary>
    private async Task<bool> AnswerNeededAsync(IntakeMessage message)
    {
        await message.Turn.SendActivityAsync(MessageFactory.Text(_text[message.Active == IntakePrompts.RequiredWhen ? TextKey.AnswerNeededWhen : TextKey.AnswerNeeded]), message.CancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>One row of the table: when it applies, and how it answers (true when it did).</summary>
    private sealed record Interruption(Func<IntakeMessage, bool> Applies, Func<IntakeMessage, Task<bool>> AnswerAsync);
}
