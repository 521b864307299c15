using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Conversation.Owner;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>The bot's main dialog, run as the Bot Framework samples' <c>DialogBot</c> runs theirs:
/// a message with nothing running begins it, and it reads the message to choose what happens. A
/// command such as <c>help</c> or <c>cases</c> is answered and the dialog ends; <c>report</c>,
/// <c>take a report</c> and <c>add to</c> begin the dialog that carries on over later messages, and a
/// message that reads like an account begins the offer to start a report with it
/// (<see cref="AccountOfferDialog"/>); begun with <see cref="ReportDialog.DialogId"/> as its options, it
/// begins a report whatever was said. A button on the owner's case card, or the Reply button on the
/// reporter's <c>view</c>, counts as its typed command.</summary>
public sealed class RootDialog : ComponentDialog
{
    public const string DialogId = "root";

    private static readonly string[] IntakeDialogIds = [ReportDialog.DialogId, TakeReportDialog.DialogId, FollowOnDialog.DialogId];

    private readonly ResponderRecognition _responders;
    private readonly ReporterCommands _reporter;
    private readonly OwnerCommands _owner;
    private readonly ReplyThreads _threads;
    private readonly TextCatalog _text;
    private readonly IntakeOptions _options;
    private readonly RetentionFacts _retention;

    public RootDialog(
        ReportDialog reportDialog,
        TakeReportDialog takeReportDialog,
        FollowOnDialog followOnDialog,
        FollowOnOfferDialog followOnOffer,
        AddToCaseDialog addToCaseDialog,
        AccountOfferDialog accountOffer,
        ReplyDialog replyDialog,
        ResponderRecognition responders,
        ReporterCommands reporter,
        OwnerCommands owner,
        ReplyThreads threads,
        TextCatalog text,
        IOptions<IntakeOptions> options,
        RetentionPeriods retention)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retention);
        _responders = responders;
        _reporter = reporter;
        _owner = owner;
        _threads = threads;
        _text = text;
        _options = options.Value;
        _retention = new RetentionFacts(retention.Draft, retention.ClosedCase, retention.Backup);
        AddDialog(reportDialog);
        AddDialog(takeReportDialog);
        AddDialog(followOnDialog);
        AddDialog(addToCaseDialog);
        AddDialog(accountOffer);
        AddDialog(followOnOffer);
        AddDialog(replyDialog);
    }

    /// <summary>The bot's dialog set: this dialog, and the dialogs it begins, so that a conversation
    /// saved before it existed (an intake at the top of the stack) carries on where it was.</summary>
    public DialogSet CreateDialogSet(IStatePropertyAccessor<DialogState> state)
    {
        var set = new DialogSet(state).Add(this);
        foreach (var id in (string[])[.. IntakeDialogIds, AddToCaseDialog.DialogId])
        {
            set.Add(Dialogs.Find(id)!);
        }

        return set;
    }

    /// <summary>Whether an intake (a reporter's or a responder's) is running on this stack, under this
    /// dialog or, in a state saved before it existed, at the top.</summary>
    public static bool IsIntakeRunning(DialogContext dc) => RunningIntake(dc) is not null;

    /// <summary>The id of the intake dialog running on this stack (<see cref="ReportDialog.DialogId"/>
    /// or <see cref="TakeReportDialog.DialogId"/>), or null.</summary>
    public static string? RunningIntake(DialogContext dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.ActiveDialog switch
        {
            { Id: DialogId } root => root.Read<DialogState>(InnerStackKey).DialogStack.Select(d => d.Id).FirstOrDefault(IntakeDialogIds.Contains),
            { Id: var id } when IntakeDialogIds.Contains(id) => id,
            _ => null,
        };
    }

    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var turn = innerDc.Context;
        var said = turn.Activity.Text?.Trim();
        if (string.IsNullOrEmpty(said) && CaseCardCommand(CardSubmission.Read(turn.Activity.Value)) is { } pressed)
        {
            said = pressed;
        }

        var responder = await _responders.RecognizeAsync(turn, cancellationToken).ConfigureAwait(false);
        if (_text.IsWord(said, TextKey.ChoiceReport) || options is ReportDialog.DialogId)
        {
            await _threads.HandledAsync(turn, said, cancellationToken).ConfigureAwait(false);
            return await innerDc.BeginDialogAsync(ReportDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
        }

        if (_text.IsWord(said, TextKey.ChoiceTakeReport) && responder is not null)
        {
            await _threads.HandledAsync(turn, said, cancellationToken).ConfigureAwait(false);
            return await innerDc.BeginDialogAsync(TakeReportDialog.DialogId, new IntakeStart(responder), cancellationToken).ConfigureAwait(false);
        }

        if (_text.Commands.Read(said, TextKey.VerbAddTo) is { HasReference: true, Ends: true } addTo)
        {
            var reference = addTo.Reference;
            if (await _reporter.AddToRefusedAsync(turn, reference, cancellationToken).ConfigureAwait(false) is not { } refused)
            {
                await _threads.HandledAsync(turn, said, cancellationToken).ConfigureAwait(false);
                return await innerDc.BeginDialogAsync(AddToCaseDialog.DialogId, reference, cancellationToken).ConfigureAwait(false);
            }

            await turn.SendActivityAsync(MessageFactory.Text(refused), cancellationToken).ConfigureAwait(false);
        }
        else if (_text.Commands.Read(said, TextKey.VerbAgain) is { Ends: true } again)
        {
            var (start, refused) = await _reporter.FollowOnAsync(turn, again.Reference, cancellationToken).ConfigureAwait(false);
            if (start is not null)
            {
                await _threads.HandledAsync(turn, said, cancellationToken).ConfigureAwait(false);
                return await innerDc.BeginDialogAsync(FollowOnDialog.DialogId, start, cancellationToken).ConfigureAwait(false);
            }

            await turn.SendActivityAsync(refused!, cancellationToken).ConfigureAwait(false);
        }
        else if (_text.IsWord(said, TextKey.ChoicePrivacy))
        {
            await turn.SendActivityAsync(Replies.WithChoices(PrivacyText.Notice(_text, _retention, _options.OwnerRole, _options.FaqUrl), _text[TextKey.ChoiceReport], _text[TextKey.ChoiceHelp]), cancellationToken).ConfigureAwait(false);
        }
        else if (_text.IsWord(said, TextKey.ChoiceMyReports))
        {
            await _reporter.ShowMyReportsAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        else if (_reporter.ReplyPromptFor(said) is { } replyTo)
        {
            if (await _reporter.ReplyRefusedAsync(turn, replyTo, cancellationToken).ConfigureAwait(false) is not { } refused)
            {
                await _threads.HandledAsync(turn, said, cancellationToken).ConfigureAwait(false);
                return await innerDc.BeginDialogAsync(ReplyDialog.DialogId, replyTo, cancellationToken).ConfigureAwait(false);
            }

            await turn.SendActivityAsync(MessageFactory.Text(refused), cancellationToken).ConfigureAwait(false);
        }
        else if (said is null || (!await _reporter.TryHandleAsync(turn, said, cancellationToken).ConfigureAwait(false) && !await _owner.TryHandleAsync(turn, said, responder, cancellationToken).ConfigureAwait(false)))
        {
            // A message that starts nothing, after the other side of a thread wrote, is an answer to them.
            if (said is not null && !_text.IsWord(said, TextKey.ChoiceHelp) && await _threads.TryRouteAsync(turn, said, responder, cancellationToken).ConfigureAwait(false))
            {
                return new DialogTurnResult(DialogTurnStatus.Complete);
            }

            if (TextCatalog.LooksLikeAccount(said) && ConversationTurn.Of(turn).SaysItHappenedAgain
                && await _reporter.ClosedCasesAsync(turn, ChoiceMessage.MaxSuggestedActions, cancellationToken).ConfigureAwait(false) is { Count: > 0 } closed)
            {
                // Their harm happened again: a follow-on to the closed case asks only what is new.
                await _threads.HandledAsync(turn, null, cancellationToken).ConfigureAwait(false);
                return await innerDc.BeginDialogAsync(FollowOnOfferDialog.DialogId, new FollowOnOffer(said!, closed), cancellationToken).ConfigureAwait(false);
            }

            if (TextCatalog.LooksLikeAccount(said))
            {
                await _threads.HandledAsync(turn, null, cancellationToken).ConfigureAwait(false);
                return await innerDc.BeginDialogAsync(AccountOfferDialog.DialogId, said, cancellationToken).ConfigureAwait(false);
            }

            await turn.SendActivityAsync(Replies.WithChoices(Answer(turn, said, responder), _text[TextKey.ChoiceReport], _text[TextKey.ChoiceHelp]), cancellationToken).ConfigureAwait(false);
        }

        await _threads.HandledAsync(turn, said, cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    /// <summary>A message that left the reply it was waiting for (another command, a card press) is
    /// answered as if nothing had been running.</summary>
    protected override Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        return result is ReplyDialog.Left ? outerDc.ReplaceDialogAsync(DialogId, null, cancellationToken) : base.EndComponentAsync(outerDc, result, cancellationToken);
    }

    /// <summary>The answer to anything that starts nothing: help, a greeting, or a kind word about
    /// what the bot can do (without the urgent-help contact when the listener just gave it).</summary>
    private string Answer(ITurnContext turn, string? said, string? responder) => said switch
    {
        _ when _text.IsWord(said, TextKey.ChoiceTakeReport) => _text[TextKey.NotAResponder],
        _ when _text.IsWord(said, TextKey.ChoiceHelp) => Help(responder),
        _ when _text.IsGreeting(said) => Replies.WithDangerFirst(turn, _text, _options, _text[TextKey.GreetingReply]),
        _ when _text.IsWord(said, TextKey.ChoiceSubmit) => _text[TextKey.NothingToSubmit],

        // A case owner who types something the bot does not know is looking for a command, not for
        // the greeting that invites a report.
        _ when responder is not null => Help(responder),
        _ when IsCommandLike(said) => _text[TextKey.UnknownCommand],
        _ when ConversationTurn.Of(turn).UrgentHelpGiven => _text[TextKey.GreetingAfterHelp],
        _ => _text.Format(TextKey.Greeting, _options.UrgentHelp),
    };

    private string Help(string? responder)
        => _text.Format(TextKey.GeneralHelp, _options.FaqUrl, responder is null ? string.Empty : _text[TextKey.GeneralHelpResponder]) + (responder is null ? string.Empty : $"\n\n{_text[TextKey.OwnerHelp]}") + SupportLine();

    /// <summary>The command a button of the owner's case card stands for, typed as the owner would
    /// type it, so that it goes through the same checks; null for anything else.</summary>
    private static string? CaseCardCommand(CardSubmission? pressed) => pressed switch
    {
        { Choice: CaseCard.AccessChoice, Reference: { } reference } => $"access {reference}",
        { Choice: CaseCard.ShareChoice, Reference: { } reference } => $"share {reference} with {pressed.Address}",
        { Choice: CaseCard.RevokeChoice, Reference: { } reference } => $"revoke {reference} from {pressed.Address}",
        { Choice: ReporterCommands.ReplyChoice, Reference: { } reference } => $"reply {reference}",
        _ => null,
    };

    /// <summary>The support resource as a paragraph of its own, when one is configured.</summary>
    private string SupportLine()
        => string.IsNullOrWhiteSpace(_options.SupportResource) ? string.Empty : $"\n\n{_text.Format(TextKey.SupportLine, _options.SupportResource)}";

    /// <summary>A short single word (such as "done" or "skip" with no intake running) reads as a
    /// command the bot does not know; anything else is a first message and gets the greeting.</summary>
    private static bool IsCommandLike(string? said)
        => said is { Length: > 0 and <= 20 } && !said.Contains(' ', StringComparison.Ordinal);
}
