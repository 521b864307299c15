using System.Text.RegularExpressions;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Responders;
using Microsoft.Extensions.Options;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using IntakeBot.Text;

namespace IntakeBot.Capture;

/// <summary>"Report this message": a message action keeps the message in the person's 1:1
/// conversation with the bot, and nothing is posted where the action was used. The 1:1 is opened
/// (or reused) proactively, in the same way a mention in a group does: during a reporter's intake the
/// message joins the draft's evidence at once; otherwise it waits in that conversation's state until
/// the person starts a report with it, adds it to a submitted report, attaches it to the report they
/// are taking (responders), or deletes it.</summary>
public sealed partial class MessageCapture(
    ConversationStateAccessors state,
    CaptureState capture,
    TeamsMessageEvidence evidence,
    ICaseStore cases,
    RootDialog rootDialog,
    TextCatalog text,
    TimeProvider clock,
    PrivateChat privateChat,
    ILogger<MessageCapture> logger)
{
    private readonly DialogSet _dialogs = rootDialog.CreateDialogSet(state.Dialogs);

    /// <summary>Answers the action's invoke (<c>composeExtension/fetchTask</c> or <c>submitAction</c>)
    /// with a short note in Teams' pop-up: the message was kept privately, or why not.</summary>
    public async Task<MessagingExtensionActionResponse> TakeAsync(ITurnContext turnContext, MessagingExtensionAction? action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var parse = MessagePayloadReader.Read(action, turnContext.Activity, clock.GetUtcNow());
        if (parse.Message is not { } message)
        {
            logger.LogInformation("A message action kept nothing: {Refusal}.", parse.Refusal);
            return Note(parse.Refusal switch
            {
                CaptureRefusal.UnknownCommand => TextKey.CaptureUnknownAction,
                CaptureRefusal.NoIdentity => TextKey.CaptureNoIdentity,
                CaptureRefusal.TooLarge => TextKey.CaptureTooLarge,
                _ => TextKey.CaptureNoBody,
            });
        }

        var kept = await KeepInPrivateChatAsync(turnContext, message, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("A message kept with a message action from a {ConversationKind}: {Outcome}.", message.Facts.ConversationKind, kept ? "kept" : "not kept");
        return Note(kept ? TextKey.CaptureKept : TextKey.CaptureNotKept);
    }

    /// <summary>The person's answer to the offer, before anything else reads their message: true when
    /// it was about the kept message (start a report with it, add to, attach, delete).</summary>
    public async Task<bool> TryAnswerAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        var pending = await capture.Pending.GetAsync(turn, () => null!, cancellationToken).ConfigureAwait(false);
        var said = turn.Activity.Text?.Trim();
        if (pending is null || string.IsNullOrEmpty(said))
        {
            return false;
        }

        if (text.IsWord(said, TextKey.ChoiceCaptureDelete))
        {
            await capture.Pending.DeleteAsync(turn, cancellationToken).ConfigureAwait(false);
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureDeleted]), cancellationToken).ConfigureAwait(false);
            return true;
        }

        var active = RootDialog.RunningIntake(dc);
        if (dc.ActiveDialog is null && text.IsWord(said, TextKey.ChoiceCaptureStart))
        {
            await dc.BeginDialogAsync(RootDialog.DialogId, ReportDialog.DialogId, cancellationToken).ConfigureAwait(false);
            await AddToDraftAsync(turn, pending, cancellationToken).ConfigureAwait(false);
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureStarted]), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (active == TakeReportDialog.DialogId && text.IsWord(said, TextKey.ChoiceCaptureAttach))
        {
            await AddToDraftAsync(turn, pending, cancellationToken).ConfigureAwait(false);
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureAttached]), cancellationToken).ConfigureAwait(false);
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (dc.ActiveDialog is null && AddToPattern().Match(said) is { Success: true } addTo)
        {
            await AddToCaseAsync(turn, pending, addTo.Groups["reference"].Value.Trim().ToUpperInvariant(), cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>Opens (or reuses) the 1:1 conversation and keeps the message there, in one commit of
    /// that conversation's state. False when Teams would not open it or the state could not be saved.</summary>
    private async Task<bool> KeepInPrivateChatAsync(ITurnContext turnContext, CapturedMessage message, CancellationToken cancellationToken)
    {
        var kept = false;
        try
        {
            return await privateChat.RunAsync(turnContext, async (privateTurn, ct) => kept = await KeepAsync(privateTurn, message, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false) && kept;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("A private chat could not be opened to keep a message ({ExceptionType}).", e.GetType().FullName);
            return false;
        }
    }

    /// <summary>The proactive turn in the person's 1:1 conversation: what is said there depends on
    /// what that conversation is doing now.</summary>
    private async Task<bool> KeepAsync(ITurnContext privateTurn, CapturedMessage message, CancellationToken cancellationToken)
    {
        // A turn nobody typed: a failure is not answered in the chat (the adapter rethrows it), the
        // held replies are not sent, and the pop-up says the message was not kept.
        privateTurn.TurnState.Add(OwnerNotifier.ProactiveTurn, message);
        var profile = await state.GetProfileAsync(privateTurn, cancellationToken).ConfigureAwait(false);
        profile.PersonAadObjectId ??= message.Facts.CapturedBy;
        if (!string.Equals(profile.PersonAadObjectId, message.Facts.CapturedBy, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("A kept message was not put in a 1:1 conversation that belongs to another account.");
            return false;
        }

        var dc = await _dialogs.CreateContextAsync(privateTurn, cancellationToken).ConfigureAwait(false);
        switch (RootDialog.RunningIntake(dc))
        {
            case ReportDialog.DialogId:
                var draft = await AddToDraftAsync(privateTurn, message, cancellationToken).ConfigureAwait(false);
                await privateTurn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureAddedToDraft]), cancellationToken).ConfigureAwait(false);
                await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
                CaseDrafts.RecordTurn(privateTurn, draft, intakeActive: true);
                break;
            case TakeReportDialog.DialogId:
                await capture.Pending.SetAsync(privateTurn, message, cancellationToken).ConfigureAwait(false);
                await privateTurn.SendActivityAsync(Replies.WithChoices(text[TextKey.CaptureOfferResponder], text[TextKey.ChoiceCaptureAttach], text[TextKey.ChoiceCaptureDelete]), cancellationToken).ConfigureAwait(false);
                break;
            default:
                await capture.Pending.SetAsync(privateTurn, message, cancellationToken).ConfigureAwait(false);
                await privateTurn.SendActivityAsync(Replies.WithChoices(text[TextKey.CaptureOffer], text[TextKey.ChoiceCaptureStart], text[TextKey.ChoiceMyReports], text[TextKey.ChoiceCaptureDelete]), cancellationToken).ConfigureAwait(false);
                break;
        }

        await state.State.SaveChangesAsync(privateTurn, force: false, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stores the message under the draft's reserved reference (reserving it if this is the
    /// draft's first turn); the turn's commit puts it in the draft's evidence list.</summary>
    private async Task<IntakeDraft> AddToDraftAsync(ITurnContext turn, CapturedMessage message, CancellationToken cancellationToken)
    {
        var draft = await state.GetDraftAsync(turn, cancellationToken).ConfigureAwait(false);
        var item = await evidence.SaveAsync(CaseDrafts.Reserve(draft), message, cancellationToken).ConfigureAwait(false);
        TurnTranscript.Of(turn)?.AddEvidence(item);
        await capture.Pending.DeleteAsync(turn, cancellationToken).ConfigureAwait(false);
        return draft;
    }

    /// <summary>Only the person's own open report takes it; any other reference gets the same answer
    /// as for a report that does not exist, and the message stays kept.</summary>
    private async Task AddToCaseAsync(ITurnContext turn, CapturedMessage message, string reference, CancellationToken cancellationToken)
    {
        var record = CaseReference.IsValid(reference) ? await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) : null;
        if (record is not { Reporter: { } reporter } || !CaseStatuses.IsOpen(record.Status)
            || !string.Equals(reporter.AadObjectId, turn.Activity.From.AadObjectId, StringComparison.OrdinalIgnoreCase))
        {
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaseNotFound]), cancellationToken).ConfigureAwait(false);
            return;
        }

        var item = await evidence.SaveAsync(record.Reference, message, cancellationToken).ConfigureAwait(false);
        if (TurnTranscript.Of(turn) is { } transcript)
        {
            transcript.CaseReference = record.Reference;
            transcript.AddEvidence(item);
        }

        await capture.Pending.DeleteAsync(turn, cancellationToken).ConfigureAwait(false);
        await turn.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.CaptureAddedToCase, record.Reference)), cancellationToken).ConfigureAwait(false);
    }

    private MessagingExtensionActionResponse Note(TextKey key)
        => new() { Task = new TaskModuleMessageResponse(text[key]) };

    [GeneratedRegex(@"^add to\s+(?<reference>\S+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddToPattern();
}
