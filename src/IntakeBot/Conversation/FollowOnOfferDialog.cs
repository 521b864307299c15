using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>A reporter with closed cases writes, with no report under way, that it happened again ("hes
/// doing it again", "it happend agian today"): instead of a new report of fifteen questions, they are
/// offered a follow-on to the closed case (as <c>again IR-…</c> starts it) with what they wrote as the
/// start of its account; with several closed cases they are asked which (a button each, or its number or
/// reference typed). Turned down, what they wrote goes on to the offer of a new report with it
/// (<see cref="AccountOfferDialog"/>), so nothing is lost. Until they answer it is held in the
/// conversation's state with this chat's lines, as the account offer holds it.</summary>
public sealed class FollowOnOfferDialog(IntakeServices services, ReporterCommands reporter) : Dialog(DialogId)
{
    public const string DialogId = "follow-on-offer";

    private const string MessagesKey = "messages";
    private const string ClosedKey = "closed";
    private const string NoneChoice = "none";

    private readonly TextCatalog _text = services.Text;
    private readonly int _maxMessages = services.Limits.Value.AccountMessages;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var offer = options as FollowOnOffer ?? throw new ArgumentException("The offer is begun with the message and the closed cases.", nameof(options));
        dc.ActiveDialog!.Write(MessagesKey, new List<string> { offer.Said });
        dc.ActiveDialog!.Write(ClosedKey, offer.Closed.ToList());
        var question = offer.Closed.Count == 1 ? _text.Format(TextKey.FollowOnHeardOne, offer.Closed[0]) : _text[TextKey.FollowOnHeardWhich];
        await AskAsync(dc.Context, question, offer.Closed, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        if (turn.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var said = turn.Activity.Text?.Trim();
        var messages = dc.ActiveDialog!.Read<List<string>>(MessagesKey);
        var closed = dc.ActiveDialog!.Read<List<string>>(ClosedKey);
        var choices = Choices(closed);
        var picked = ChoiceMatcher.Match(CardSubmission.Read(turn.Activity.Value), choices) ?? ChoiceMatcher.Match(_text, said, choices);
        if (picked?.Id == NoneChoice)
        {
            return await dc.ReplaceDialogAsync(AccountOfferDialog.DialogId, messages, cancellationToken).ConfigureAwait(false);
        }

        if (picked is not null)
        {
            // Checked again as `again IR-…` checks it: the case may have changed since the offer.
            var (start, refused) = await reporter.FollowOnAsync(turn, picked.Id, cancellationToken).ConfigureAwait(false);
            if (start is not null)
            {
                return await dc.ReplaceDialogAsync(FollowOnDialog.DialogId, start with { FirstAccount = messages }, cancellationToken).ConfigureAwait(false);
            }

            await turn.SendActivityAsync(refused!, cancellationToken).ConfigureAwait(false);
            return await dc.ReplaceDialogAsync(AccountOfferDialog.DialogId, messages, cancellationToken).ConfigureAwait(false);
        }

        if (TextCatalog.LooksLikeAccount(said) && messages.Count < _maxMessages)
        {
            // They went on telling it instead of answering: nothing they say is dropped.
            messages.Add(said!);
            dc.ActiveDialog!.Write(MessagesKey, messages);
        }

        await RepromptDialogAsync(turn, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var closed = instance.Read<List<string>>(ClosedKey);
        var question = closed.Count == 1 ? _text.Format(TextKey.FollowOnHeardAskAgainOne, closed[0]) : _text[TextKey.FollowOnHeardAskAgainWhich];
        return AskAsync(turnContext, question, closed, cancellationToken);
    }

    /// <summary>Asks, and keeps this turn's lines with the draft, so that a report started with it has
    /// its whole transcript.</summary>
    private async Task AskAsync(ITurnContext turn, string question, IReadOnlyList<string> closed, CancellationToken cancellationToken)
    {
        await turn.SendActivityAsync(ChoiceMessage.Create(_text, question, Choices(closed)), cancellationToken).ConfigureAwait(false);
        var draft = await services.State.GetDraftAsync(turn, cancellationToken).ConfigureAwait(false);
        draft.PendingTranscript.AddRange(ConversationTurn.Of(turn).Transcript.Entries);
    }

    /// <summary>A choice a closed case (its reference typed picks it; "yes" too when it is the only one),
    /// then none of them ("no", "not now").</summary>
    private List<Choice> Choices(IReadOnlyList<string> closed)
    {
        var yes = closed.Count == 1 ? _text[TextKey.WordsYes].Split('|') : [];
        return
        [
            .. closed.Select(reference => new Choice(reference, _text.Format(TextKey.ChoiceAgain, reference), [reference, .. yes])),
            new(NoneChoice, _text[TextKey.ChoiceFollowOnNone], [.. _text[TextKey.WordsNo].Split('|'), .. _text[TextKey.WordsNothing].Split('|')]),
        ];
    }
}
