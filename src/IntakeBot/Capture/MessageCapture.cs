using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace IntakeBot.Capture;

/// <summary>"Report this message": a message action keeps the message in the person's 1:1
/// conversation with the bot, and nothing is posted where the action was used. The 1:1 is opened
/// (or reused) proactively, in the same way a mention in a group does: during a reporter's intake the
/// message joins the draft's evidence at once; otherwise it waits in that conversation's state (up to
/// Capture:MaxPending of them, each with its own offer) until the person starts a report with it (as
/// evidence, or with its words as the start of the account), adds it to a submitted report, attaches it
/// to the report they are taking (responders), or deletes it. An offer's buttons carry which message
/// they are for and are handled as that whatever dialog runs; typed answers mean the newest kept
/// message. When the offer cannot be delivered, the message is taken out of that state again and the
/// action's pop-up says it was not kept.</summary>
public sealed class MessageCapture(
    ConversationStateAccessors state,
    CaptureState capture,
    TeamsMessageEvidence evidence,
    CapturedImages images,
    ICaseStore cases,
    IdentitySeal seal,
    CaseDrafts drafts,
    RetentionWording retention,
    RetentionPeriods periods,
    RootDialog rootDialog,
    TextCatalog text,
    TimeProvider clock,
    PrivateChat privateChat,
    IOptions<BotOptions> bot,
    IOptions<IntakeOptions> intakeOptions,
    IOptions<CaptureOptions> captureOptions,
    ILogger<MessageCapture> logger)
{
    /// <summary>Words the intake answers at any step: a kept message that says only one of them is
    /// not taken as the start of an account, where it would be read as that word.</summary>
    private static readonly TextKey[] ControlWords =
    [
        TextKey.ChoiceDone, TextKey.ChoiceHelp, TextKey.ChoicePause, TextKey.ChoiceStop, TextKey.ChoicePrivacy,
        TextKey.ChoiceReport, TextKey.ChoiceTakeReport, TextKey.ChoiceTips, TextKey.ChoiceSubmit, TextKey.ChoiceSkip,
    ];

    private readonly DialogSet _dialogs = rootDialog.CreateDialogSet(state.Dialogs);

    /// <summary>What the proactive turn in the 1:1 did with the message.</summary>
    private enum Kept
    {
        No,
        Offered,
        InDraft,
        Full,
    }

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

        var (kept, announced) = await KeepInPrivateChatAsync(turnContext, message, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("A message kept with a message action from a {ConversationKind}: {Outcome}.", message.Facts.ConversationKind, kept);
        if (kept == Kept.Full)
        {
            return new() { Task = new TaskModuleMessageResponse(text.Format(TextKey.CaptureFull, captureOptions.Value.MaxPending)) };
        }

        return Note(kept switch
        {
            Kept.No => TextKey.CaptureNotKept,
            Kept.InDraft when !announced => TextKey.CaptureKeptUnannounced,
            _ => TextKey.CaptureKept,
        });
    }

    /// <summary>The person's answer to an offer, before anything else reads their message: true when
    /// it was about a kept message. A button of an offer's card says which message and what to do, and is
    /// done whatever dialog runs (an intake takes the message as evidence; any other dialog gives way to
    /// a report the person starts with it). Typed words mean the newest kept message; while a dialog
    /// waits for words, only a choice's full title counts, never a number or a single word.</summary>
    public async Task<bool> TryAnswerAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        var said = turn.Activity.Text?.Trim();
        var pressed = CardSubmission.Read(turn.Activity.Value);
        if ((pressed is not null && !CaptureChoices.IsCaptureChoice(pressed.Choice)) || (string.IsNullOrEmpty(said) && pressed is null))
        {
            return false;
        }

        var kept = await capture.GetAsync(turn, cancellationToken).ConfigureAwait(false);
        var pending = pressed?.Reference is { } key ? kept.FirstOrDefault(k => CaptureState.KeyOf(k) == key) : kept.LastOrDefault();
        if (pending is null)
        {
            if (pressed is null)
            {
                return false;
            }

            // Its button was pressed before: the message was taken or deleted then.
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureGone]), cancellationToken).ConfigureAwait(false);
            await RepromptAsync(dc, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var active = RootDialog.RunningIntake(dc);
        var running = dc.ActiveDialog is not null;
        var id = pressed?.Choice;
        if (pressed is null)
        {
            IReadOnlyList<Choice> choices = active == TakeReportDialog.DialogId
                ? CaptureChoices.Responder(text)
                : CaptureChoices.Offer(text, running ? [] : await OpenReportsAsync(turn, turn.Activity.From.AadObjectId, cancellationToken).ConfigureAwait(false));
            var choice = ChoiceMatcher.Match(text, said, active is null ? choices : [.. choices, CaptureChoices.IncludeChoice(text)]);
            if (choice is not null && running && !Named(choice, said))
            {
                // While a dialog waits for words, a number or a single word is its answer.
                choice = null;
            }

            id = choice?.Id;
        }

        switch (id)
        {
            case CaptureChoices.NotNow:
                await capture.ForgetAsync(turn, pending, cancellationToken).ConfigureAwait(false);
                await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureDeleted]), cancellationToken).ConfigureAwait(false);
                await RepromptAsync(dc, cancellationToken).ConfigureAwait(false);
                return true;
            case CaptureChoices.Include when active is not null:
                List<CapturedMessage> taken = pressed?.Reference is not null ? [pending] : [.. kept];
                foreach (var message in taken)
                {
                    await AddToDraftAsync(turn, message, cancellationToken).ConfigureAwait(false);
                }

                await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureIncluded]), cancellationToken).ConfigureAwait(false);
                await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case CaptureChoices.Attach or CaptureChoices.Evidence or CaptureChoices.Account when active is not null:
                // A report is being written or taken: the message is its evidence.
                await AddToDraftAsync(turn, pending, cancellationToken).ConfigureAwait(false);
                await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureAttached]), cancellationToken).ConfigureAwait(false);
                await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case CaptureChoices.Evidence or CaptureChoices.Attach or CaptureChoices.Include:
                await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                await dc.BeginDialogAsync(RootDialog.DialogId, ReportDialog.DialogId, cancellationToken).ConfigureAwait(false);
                await AddToDraftAsync(turn, pending, cancellationToken).ConfigureAwait(false);
                await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureStarted]), cancellationToken).ConfigureAwait(false);
                return true;
            case CaptureChoices.Account:
                await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                await StartWithAccountAsync(dc, pending, cancellationToken).ConfigureAwait(false);
                return true;
            case { } add when add.StartsWith(CaptureChoices.AddToPrefix, StringComparison.Ordinal):
                await AddToCaseAsync(turn, pending, add[CaptureChoices.AddToPrefix.Length..], cancellationToken).ConfigureAwait(false);
                await RepromptAsync(dc, cancellationToken).ConfigureAwait(false);
                return true;
        }

        if (!running && text.Commands.Read(said, TextKey.VerbAddTo) is { HasReference: true, Ends: true } addTo)
        {
            await AddToCaseAsync(turn, pending, addTo.Reference, cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>After a turn that started a report (or a responder's intake) while messages are still
    /// kept: a card offers to add them to it.</summary>
    public async Task OfferKeptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var kept = await capture.GetAsync(dc.Context, cancellationToken).ConfigureAwait(false);
        if (kept.Count == 0)
        {
            return;
        }

        var offer = text.Format(TextKey.CaptureOfferInclude, kept.Count);
        await dc.Context.SendActivityAsync(ChoiceMessage.Card(text, offer, [CaptureChoices.IncludeChoice(text)]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A dialog that was waiting goes on: its question is asked again.</summary>
    private static async Task RepromptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null)
        {
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the words are the choice's title or one of its names, not just a number or a word of it.</summary>
    private bool Named(Choice choice, string? said)
        => text.Normalize(said) is var typed && (text.Normalize(choice.Title) == typed || choice.ShortNames.Any(n => text.Normalize(n) == typed));

    /// <summary>A report whose account begins with the kept message's words, taken exactly as if the
    /// person had typed them as their first message there; the message is the first evidence too, so
    /// its sender and time stay with it. Words the intake would read as a command, words longer than a
    /// message may be, or no words at all are not taken, and the person is asked for their own.</summary>
    private async Task StartWithAccountAsync(DialogContext dc, CapturedMessage pending, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        await dc.BeginDialogAsync(RootDialog.DialogId, ReportDialog.DialogId, cancellationToken).ConfigureAwait(false);
        await AddToDraftAsync(turn, pending, cancellationToken).ConfigureAwait(false);
        var words = pending.Text.Trim();
        if (words.Length == 0 || words.Length > intakeOptions.Value.MaxMessageLength || ControlWords.Any(w => text.IsWord(words, w)))
        {
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureAccountNotTaken]), cancellationToken).ConfigureAwait(false);
            return;
        }

        await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureStartedAccount]), cancellationToken).ConfigureAwait(false);
        var activity = (Activity)turn.Activity;
        var (typed, value) = (activity.Text, activity.Value);
        (activity.Text, activity.Value) = (words, null);
        try
        {
            await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (activity.Text, activity.Value) = (typed, value);
        }
    }

    /// <summary>Opens (or reuses) the 1:1 conversation and keeps the message there, in one commit of
    /// that conversation's state. When Teams would not open it, the state could not be saved, or the
    /// message about it could not be delivered, the message is not kept: an offer nobody saw is taken
    /// out of the state again. A message that joined a draft stays there (the draft is the person's own
    /// report in progress), and the pop-up says the note about it did not arrive.</summary>
    private async Task<(Kept Kept, bool Announced)> KeepInPrivateChatAsync(ITurnContext turnContext, CapturedMessage message, CancellationToken cancellationToken)
    {
        var kept = Kept.No;
        ConversationReference? chat = null;
        try
        {
            var opened = await privateChat.RunAsync(
                turnContext,
                async (privateTurn, ct) =>
                {
                    chat = privateTurn.Activity.GetConversationReference();
                    kept = await KeepAsync(privateTurn, message, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return (opened ? kept : Kept.No, true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("A kept message could not be put in or announced in a private chat ({ExceptionType}).", e.GetType().FullName);
            if (kept == Kept.Offered && chat is not null)
            {
                await ForgetAsync(turnContext, chat, message, cancellationToken).ConfigureAwait(false);
                return (Kept.No, false);
            }

            return (kept, false);
        }
    }

    /// <summary>Takes an offer that never reached the person out of their 1:1 conversation's state, in
    /// a turn of its own (the offer's turn committed before its message failed).</summary>
    private async Task ForgetAsync(ITurnContext turnContext, ConversationReference chat, CapturedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await ((BotAdapter)turnContext.Adapter).ContinueConversationAsync(
                bot.Value.MicrosoftAppId,
                chat,
                async (turn, ct) =>
                {
                    turn.TurnState.Add(OwnerNotifier.ProactiveTurn, message);
                    // Only the copy this offer kept: one kept before, and offered then, stays.
                    var kept = await capture.GetAsync(turn, ct).ConfigureAwait(false);
                    if (kept.RemoveAll(k => CaptureState.KeyOf(k) == CaptureState.KeyOf(message) && k.Facts.CapturedAt == message.Facts.CapturedAt) > 0)
                    {
                        await capture.SetAsync(turn, kept, ct).ConfigureAwait(false);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Held in the person's own 1:1 state, where "not now" deletes it and the sweep expires it.
            logger.LogError("A kept message whose offer was not delivered could not be taken out of the private chat's state ({ExceptionType}).", e.GetType().FullName);
        }
    }

    /// <summary>The proactive turn in the person's 1:1 conversation: what is said there depends on
    /// what that conversation is doing now.</summary>
    private async Task<Kept> KeepAsync(ITurnContext privateTurn, CapturedMessage message, CancellationToken cancellationToken)
    {
        // A turn nobody typed: a failure is not answered in the chat (the adapter rethrows it), the
        // held replies are not sent, and the pop-up says the message was not kept.
        privateTurn.TurnState.Add(OwnerNotifier.ProactiveTurn, message);
        var profile = await state.GetProfileAsync(privateTurn, cancellationToken).ConfigureAwait(false);
        profile.PersonAadObjectId ??= message.Facts.CapturedBy;
        if (!string.Equals(profile.PersonAadObjectId, message.Facts.CapturedBy, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("A kept message was not put in a 1:1 conversation that belongs to another account.");
            return Kept.No;
        }

        var dc = await _dialogs.CreateContextAsync(privateTurn, cancellationToken).ConfigureAwait(false);
        var kept = Kept.Offered;
        switch (RootDialog.RunningIntake(dc))
        {
            case ReportDialog.DialogId or FollowOnDialog.DialogId:
                // Images wait for no download here: the invoke this turn runs in has five seconds.
                var draft = await AddToDraftAsync(privateTurn, message, cancellationToken, withImages: false).ConfigureAwait(false);
                await privateTurn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaptureAddedToDraft]), cancellationToken).ConfigureAwait(false);
                await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
                CaseDrafts.RecordTurn(privateTurn, draft, intakeActive: true);
                kept = Kept.InDraft;
                break;
            case var intake:
                if (!await HoldAsync(privateTurn, message, cancellationToken).ConfigureAwait(false))
                {
                    return Kept.Full;
                }

                var key = CaptureState.KeyOf(message);
                var held = retention.Duration(periods.Draft);
                if (intake == TakeReportDialog.DialogId)
                {
                    await privateTurn.SendActivityAsync(ChoiceMessage.Card(text, text.Format(TextKey.CaptureOfferResponder, held), CaptureChoices.Responder(text), key), cancellationToken).ConfigureAwait(false);
                    break;
                }

                var open = await OpenReportsAsync(privateTurn, message.Facts.CapturedBy, cancellationToken).ConfigureAwait(false);
                var offer = text.Format(TextKey.CaptureOffer, held, open.Count > 0 ? text[TextKey.CaptureOfferAddTo] : string.Empty);
                await privateTurn.SendActivityAsync(ChoiceMessage.Card(text, offer, CaptureChoices.Offer(text, open), key), cancellationToken).ConfigureAwait(false);
                break;
        }

        await state.State.SaveChangesAsync(privateTurn, force: false, cancellationToken).ConfigureAwait(false);
        return kept;
    }

    /// <summary>Puts the message with the others kept in this chat, once: a message kept again (a
    /// redelivery, or the action used twice) stays as it was first kept. False, with nothing kept, when
    /// Capture:MaxPending are already waiting.</summary>
    private async Task<bool> HoldAsync(ITurnContext privateTurn, CapturedMessage message, CancellationToken cancellationToken)
    {
        var kept = await capture.GetAsync(privateTurn, cancellationToken).ConfigureAwait(false);
        if (kept.Any(k => CaptureState.KeyOf(k) == CaptureState.KeyOf(message)))
        {
            return true;
        }

        if (kept.Count >= captureOptions.Value.MaxPending)
        {
            logger.LogInformation("A kept message was refused: {Count} are waiting already.", kept.Count);
            return false;
        }

        kept.Add(message);
        await capture.SetAsync(privateTurn, kept, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The person's own reports that can still be added to, newest first, with those submitted
    /// in their 1:1 a moment ago that the index may not find yet.</summary>
    private async Task<IReadOnlyList<string>> OpenReportsAsync(ITurnContext privateTurn, string person, CancellationToken cancellationToken)
    {
        var recent = await drafts.RecentlySubmittedAsync(privateTurn, cancellationToken).ConfigureAwait(false);
        return [.. (await cases.ListAsync(new CaseFilter(ReporterAadObjectId: person, Recent: recent), cancellationToken).ConfigureAwait(false))
            .Where(c => c.Status.IsOpen())
            .OrderByDescending(c => c.SubmittedAt)
            .Select(c => c.Reference)];
    }

    /// <summary>Stores the message (and, when asked, its images) under the draft's reserved reference
    /// (reserving it if this is the draft's first turn); the turn's commit puts it in the draft's evidence list.</summary>
    private async Task<IntakeDraft> AddToDraftAsync(ITurnContext turn, CapturedMessage message, CancellationToken cancellationToken, bool withImages = true)
    {
        var draft = await state.GetDraftAsync(turn, cancellationToken).ConfigureAwait(false);
        await SaveAsync(turn, CaseDrafts.Reserve(draft), message, withImages, cancellationToken).ConfigureAwait(false);
        await capture.ForgetAsync(turn, message, cancellationToken).ConfigureAwait(false);
        return draft;
    }

    private async Task SaveAsync(ITurnContext turn, string reference, CapturedMessage message, bool withImages, CancellationToken cancellationToken)
    {
        var item = await evidence.SaveAsync(reference, message, cancellationToken).ConfigureAwait(false);
        ConversationTurn.Of(turn).Transcript.AddEvidence(item);
        if (withImages)
        {
            await images.SaveAsync(turn, reference, message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Only the person's own open report takes it; any other reference gets the same answer
    /// as for a report that does not exist, and the message stays kept. The owner is told as for any
    /// addition (reference only). A shared case file is refreshed after the commit, once the message is
    /// in the case (<see cref="PendingChange.RefreshSharedFor"/>), so that the check finds its sender:
    /// anyone it names loses access before the refreshed file goes up, and the owner is told.</summary>
    private async Task AddToCaseAsync(ITurnContext turn, CapturedMessage message, string reference, CancellationToken cancellationToken)
    {
        var record = CaseReference.IsValid(reference) ? await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) : null;
        if (record is null || !record.Status.IsOpen() || !seal.IsReportedBy(record, turn.Activity.From.AadObjectId))
        {
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.CaseNotFound]), cancellationToken).ConfigureAwait(false);
            return;
        }

        ConversationTurn.Of(turn).Transcript.CaseReference = record.Reference;

        await SaveAsync(turn, record.Reference, message, withImages: true, cancellationToken).ConfigureAwait(false);
        await capture.ForgetAsync(turn, message, cancellationToken).ConfigureAwait(false);
        ConversationTurn.Of(turn).Decide(drafts.Change(turn, record.Reference) with { RefreshSharedFor = record.Owner });
        await turn.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.CaptureAddedToCase, record.Reference)), cancellationToken).ConfigureAwait(false);
        ConversationTurn.Of(turn).Notify(record.Owner, TextKey.OwnerCaseAddedTo, record.Reference, keepSender: record.SealedReporter is null);
    }

    private MessagingExtensionActionResponse Note(TextKey key)
        => new() { Task = new TaskModuleMessageResponse(text[key]) };
}
