using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Bot;

/// <summary>The Teams bot: answers outside 1:1 chat without keeping anything, offers a report to a
/// newcomer, runs the intake dialog, and saves the case transcript and the state at the end of a turn.</summary>
public sealed class IntakeActivityHandler : TeamsActivityHandler
{
    private readonly ConversationStateAccessors _state;
    private readonly CaseDrafts _drafts;
    private readonly TextCatalog _text;
    private readonly IntakeOptions _options;
    private readonly DialogSet _dialogs;

    public IntakeActivityHandler(ConversationStateAccessors state, ReportDialog reportDialog, CaseDrafts drafts, TextCatalog text, IOptions<IntakeOptions> options)
    {
        _state = state;
        _drafts = drafts;
        _text = text;
        _options = options.Value;
        _dialogs = new DialogSet(state.Dialogs).Add(reportDialog);
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Type == ActivityTypes.Message && !IsPersonalChat(turnContext.Activity))
        {
            // Nothing from a group chat or channel is kept: state is neither read nor written.
            await turnContext.SendActivityAsync(MessageFactory.Text(_text[TextKey.PersonalChatOnly]), cancellationToken).ConfigureAwait(false);
            return;
        }

        await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await _state.State.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
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

        var dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (dc.ActiveDialog is null)
        {
            await StartAsync(dc, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        }

        var draft = await _state.GetDraftAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await _drafts.RecordTurnAsync(turnContext, draft, intakeActive: dc.ActiveDialog is not null, cancellationToken).ConfigureAwait(false);
        if (dc.ActiveDialog is null)
        {
            await _state.Draft.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var said = dc.Context.Activity.Text?.Trim();
        if (Is(said, TextKey.ChoiceReport))
        {
            await dc.BeginDialogAsync(ReportDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reply = said switch
        {
            _ when Is(said, TextKey.ChoiceHelp) => _text.Format(TextKey.GeneralHelp, _options.FaqUrl),
            _ when Is(said, TextKey.ChoiceSubmit) => _text[TextKey.NothingToSubmit],
            _ when IsCommandLike(said) => _text[TextKey.UnknownCommand],
            _ => _text[TextKey.Greeting],
        };
        await dc.Context.SendActivityAsync(Replies.WithChoices(reply, _text[TextKey.ChoiceReport], _text[TextKey.ChoiceHelp]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A short single word (such as "done" or "skip" with no intake running) reads as a
    /// command the bot does not know; anything else is a first message and gets the greeting.</summary>
    private static bool IsCommandLike(string? said)
        => said is { Length: > 0 and <= 20 } && !said.Contains(' ', StringComparison.Ordinal);

    private bool Is(string? said, TextKey word) => string.Equals(said, _text[word], StringComparison.OrdinalIgnoreCase);

    private static bool IsPersonalChat(IActivity activity)
        => activity.Conversation?.ConversationType is null or "personal";
}
