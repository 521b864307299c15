using System.Globalization;
using System.Text.RegularExpressions;
using IntakeBot.Capture;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Dialogs;
using IntakeBot.Responders;
using IntakeBot.Retention;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Bot;

/// <summary>The Teams bot: answers outside 1:1 chat without keeping anything, offers a report to a
/// newcomer, runs the intake dialogs and the reporter's commands, and saves the case transcript and
/// the state at the end of a turn.</summary>
public sealed partial class IntakeActivityHandler : TeamsActivityHandler
{
    private readonly ConversationStateAccessors _state;
    private readonly ICaseStore _cases;
    private readonly ResponderRoster _roster;
    private readonly ResponderDirectory _directory;
    private readonly OwnerCommands _ownerCommands;
    private readonly TextCatalog _text;
    private readonly IntakeOptions _options;
    private readonly RetentionFacts _retention;
    private readonly DialogSet _dialogs;
    private readonly TeamsGuard _guard;
    private readonly MessageCapture _capture;
    private readonly string _rosterVersion;
    private const int RememberedActivityIds = 32;

    private readonly string _appId;
    private readonly ILogger<IntakeActivityHandler> _logger;

    public IntakeActivityHandler(
        ConversationStateAccessors state,
        ReportDialog reportDialog,
        TakeReportDialog takeReportDialog,
        AddToCaseDialog addToCaseDialog,
        ICaseStore cases,
        ResponderRoster roster,
        ResponderDirectory directory,
        OwnerCommands ownerCommands,
        TeamsGuard guard,
        MessageCapture capture,
        TextCatalog text,
        IOptions<IntakeOptions> options,
        RetentionPeriods retention,
        IConfiguration configuration,
        ILogger<IntakeActivityHandler> logger)
    {
        _appId = configuration["MicrosoftAppId"] ?? string.Empty;
        _logger = logger;
        _state = state;
        _cases = cases;
        _roster = roster;
        _directory = directory;
        _ownerCommands = ownerCommands;
        _guard = guard;
        _capture = capture;
        _text = text;
        _options = options.Value;
        _retention = new RetentionFacts(retention.Draft, retention.ClosedCase, retention.Backup);
        _dialogs = new DialogSet(state.Dialogs).Add(reportDialog).Add(takeReportDialog).Add(addToCaseDialog);
        _rosterVersion = string.Join('\n', _options.Responders.Select(ResponderRoster.Normalize).Order(StringComparer.Ordinal));
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_guard.Check(turnContext.Activity) is not ActivityRefusal.None and var refusal)
        {
            // Not answered either: a reply would go to a service URL we have no reason to trust.
            _logger.LogWarning("An activity was refused before anything was read or stored: {Refusal}.", refusal);
            return;
        }

        if (turnContext.Activity.Type == ActivityTypes.Message && !TeamsGuard.IsPersonalChat(turnContext.Activity))
        {
            // Nothing from a group chat or channel is kept: state is neither read nor written. The
            // answer there is neutral, so that nobody reading the group learns that anyone is reporting.
            var opened = await OpenPrivateChatAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[opened ? TextKey.GroupChatNeutral : TextKey.GroupChatNeutralNoChat]), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The state is committed by TurnCommit, after the turn has decided everything.
        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (string.IsNullOrWhiteSpace(activity.From?.AadObjectId))
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[TextKey.NoIdentity]), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (activity.Text is { } said && said.Length > _options.MaxMessageLength)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(_text.Format(TextKey.MessageTooLong, said.Length, _options.MaxMessageLength)), cancellationToken).ConfigureAwait(false);
            return;
        }

        // A 1:1 conversation holds one person's report: nobody else's message is taken in it.
        var profile = await _state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
        profile.PersonAadObjectId ??= activity.From.AadObjectId;
        if (!string.Equals(profile.PersonAadObjectId, activity.From.AadObjectId, StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogWarning("A message from another account arrived in a 1:1 conversation and was refused.");
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[TextKey.NotYourConversation]), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!FirstDelivery(profile, activity.Id))
        {
            return;
        }

        var resent = TurnCommit.ResentAfterUnseenReplies(turnContext, profile);
        var responder = await RecognizeResponderAsync(turnContext, profile, cancellationToken).ConfigureAwait(false);
        var dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (await _capture.TryAnswerAsync(dc, cancellationToken).ConfigureAwait(false))
        {
            // The person answered the offer for a message they kept with "Report this message".
        }
        else if (dc.ActiveDialog is null)
        {
            await StartAsync(dc, responder, cancellationToken).ConfigureAwait(false);
        }
        else if (resent)
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[TextKey.ResentAfterUnseenReply]), cancellationToken).ConfigureAwait(false);
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        }

        var draft = await _state.GetDraftAsync(turnContext, cancellationToken).ConfigureAwait(false);
        CaseDrafts.RecordTurn(turnContext, draft, intakeActive: dc.ActiveDialog is { Id: ReportDialog.DialogId or TakeReportDialog.DialogId });
        if (dc.ActiveDialog is null)
        {
            await _state.Draft.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>"Report this message" (Capture/): Teams asks first (fetchTask); a client that skips
    /// that sends the submit, answered the same way.</summary>
    protected override Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionFetchTaskAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
        => _capture.TakeAsync(turnContext, action, cancellationToken);

    protected override Task<MessagingExtensionActionResponse> OnTeamsMessagingExtensionSubmitActionAsync(ITurnContext<IInvokeActivity> turnContext, MessagingExtensionAction action, CancellationToken cancellationToken)
        => _capture.TakeAsync(turnContext, action, cancellationToken);

    /// <summary>False when this activity was handled before; its id is remembered otherwise.</summary>
    private bool FirstDelivery(ConversationProfile profile, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return true;
        }

        if (profile.RecentActivityIds.Contains(id, StringComparer.Ordinal))
        {
            _logger.LogInformation("Activity {ActivityId} was delivered again and is not handled twice.", id);
            return false;
        }

        profile.RecentActivityIds = [.. profile.RecentActivityIds.TakeLast(RememberedActivityIds - 1), id];
        return true;
    }

    /// <summary>Starts a 1:1 conversation with the person who mentioned the bot in a group chat or
    /// channel, and says hello there. False when Teams would not open one.</summary>
    private async Task<bool> OpenPrivateChatAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (turnContext.Adapter is not CloudAdapterBase adapter || activity.From is null || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return false;
        }

        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = activity.Recipient,
            Members = [activity.From],
            TenantId = activity.Conversation?.TenantId ?? activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id,
        };
        try
        {
            await adapter.CreateConversationAsync(
                _appId,
                activity.ChannelId,
                activity.ServiceUrl,
                null,
                parameters,
                (privateTurn, ct) => privateTurn.SendActivityAsync(MessageFactory.Text(_text[TextKey.PrivateChatAfterGroup]), ct),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("A private chat could not be opened from a {ConversationType} conversation ({ExceptionType}).", activity.Conversation?.ConversationType, e.GetType().FullName);
            return false;
        }
    }

    /// <summary>Whether the person is on the roster, checked once a conversation (and again when the
    /// roster changes); a responder's conversation is remembered so that they can be notified.</summary>
    private async Task<string?> RecognizeResponderAsync(ITurnContext turnContext, ConversationProfile profile, CancellationToken cancellationToken)
    {
        if (profile.RosterVersion == _rosterVersion)
        {
            return profile.RosterEntry;
        }

        profile.RosterEntry = await _roster.MatchAsync(turnContext, cancellationToken).ConfigureAwait(false);
        profile.RosterVersion = _rosterVersion;
        if (profile.RosterEntry is { } entry)
        {
            await _directory.SaveAsync(entry, turnContext.Activity.GetConversationReference(), cancellationToken).ConfigureAwait(false);
        }

        return profile.RosterEntry;
    }

    private async Task StartAsync(DialogContext dc, string? responder, CancellationToken cancellationToken)
    {
        var said = dc.Context.Activity.Text?.Trim();
        if (_text.IsWord(said, TextKey.ChoiceReport))
        {
            await dc.BeginDialogAsync(ReportDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_text.IsWord(said, TextKey.ChoiceTakeReport) && responder is not null)
        {
            await dc.BeginDialogAsync(TakeReportDialog.DialogId, new IntakeStart(responder), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (said is not null && AddToPattern().Match(said) is { Success: true } addTo)
        {
            await StartAdditionAsync(dc, addTo.Groups["reference"].Value.Trim(), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_text.IsWord(said, TextKey.ChoicePrivacy))
        {
            await dc.Context.SendActivityAsync(Replies.WithChoices(PrivacyText.Notice(_text, _retention, _options.OwnerRole, _options.FaqUrl), _text[TextKey.ChoiceReport], _text[TextKey.ChoiceHelp]), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_text.IsWord(said, TextKey.ChoiceMyReports))
        {
            await ShowMyReportsAsync(dc.Context, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (said is not null && await _ownerCommands.TryHandleAsync(dc.Context, said, responder, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var reply = said switch
        {
            _ when _text.IsWord(said, TextKey.ChoiceTakeReport) => _text[TextKey.NotAResponder],
            _ when _text.IsWord(said, TextKey.ChoiceHelp) => _text.Format(TextKey.GeneralHelp, _options.FaqUrl, responder is null ? string.Empty : _text[TextKey.GeneralHelpResponder]) + (responder is null ? string.Empty : $"\n\n{_text[TextKey.OwnerHelp]}") + SupportLine(),
            _ when _text.IsGreeting(said) => _text[TextKey.GreetingReply],
            _ when TextCatalog.LooksLikeAccount(said) => _text[TextKey.AccountLikeNotStarted],
            _ when _text.IsWord(said, TextKey.ChoiceSubmit) => _text[TextKey.NothingToSubmit],
            _ when IsCommandLike(said) => _text[TextKey.UnknownCommand],
            _ => _text[TextKey.Greeting],
        };
        await dc.Context.SendActivityAsync(Replies.WithChoices(reply, _text[TextKey.ChoiceReport], _text[TextKey.ChoiceHelp]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Only the reporter's own submitted case can be added to; anything else (another
    /// person's case, no such case, not a reference at all) gets the same answer.</summary>
    private async Task StartAdditionAsync(DialogContext dc, string reference, CancellationToken cancellationToken)
    {
        var normalized = reference.ToUpperInvariant();
        var record = CaseReference.IsValid(normalized) ? await _cases.GetAsync(normalized, cancellationToken).ConfigureAwait(false) : null;
        if (record is { Reporter: { } reporter } && CaseStatuses.IsOpen(record.Status) && reporter.AadObjectId == dc.Context.Activity.From.AadObjectId)
        {
            await dc.BeginDialogAsync(AddToCaseDialog.DialogId, record.Reference, cancellationToken).ConfigureAwait(false);
            return;
        }

        await dc.Context.SendActivityAsync(MessageFactory.Text(_text[TextKey.CaseNotFound]), cancellationToken).ConfigureAwait(false);
    }

    private async Task ShowMyReportsAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var mine = (await _cases.ListAsync(new CaseFilter(ReporterAadObjectId: turnContext.Activity.From.AadObjectId), cancellationToken).ConfigureAwait(false))
            .Where(c => CaseStatuses.IsSubmitted(c.Status))
            .OrderByDescending(c => c.SubmittedAt)
            .ToList();
        if (mine.Count == 0)
        {
            await turnContext.SendActivityAsync(Replies.WithChoices(_text[TextKey.MyReportsEmpty], _text[TextKey.ChoiceReport]), cancellationToken).ConfigureAwait(false);
            return;
        }

        var lines = mine.Select(c => _text.Format(TextKey.MyReportsLine, c.Reference, (c.SubmittedAt ?? c.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ReporterStatus(c.Status)));
        await turnContext.SendActivityAsync(
            Replies.WithChoices(_text.Format(TextKey.MyReportsHeader, string.Join('\n', lines)), mine.Take(3).Select(c => _text.Format(TextKey.ChoiceAddTo, c.Reference))),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A status as the reporter reads it: whether someone has it, not what anyone decided.</summary>
    private string ReporterStatus(string status) => _text[status switch
    {
        CaseStatuses.Closed => TextKey.MyReportsStatusClosed,
        CaseStatuses.Acknowledged or CaseStatuses.InReview => TextKey.MyReportsStatusBeingLookedAt,
        _ => TextKey.MyReportsStatusReceived,
    }];

    /// <summary>The support resource as a paragraph of its own, when one is configured.</summary>
    private string SupportLine()
        => string.IsNullOrWhiteSpace(_options.SupportResource) ? string.Empty : $"\n\n{_text.Format(TextKey.SupportLine, _options.SupportResource)}";

    /// <summary>A short single word (such as "done" or "skip" with no intake running) reads as a
    /// command the bot does not know; anything else is a first message and gets the greeting.</summary>
    private static bool IsCommandLike(string? said)
        => said is { Length: > 0 and <= 20 } && !said.Contains(' ', StringComparison.Ordinal);

    [GeneratedRegex(@"^add to\s+(?<reference>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddToPattern();
}
