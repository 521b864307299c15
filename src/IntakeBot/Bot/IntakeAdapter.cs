using System.Runtime.ExceptionServices;
using Azure;
using IntakeBot.Conversation;
using IntakeBot.Responders;
using IntakeBot.Storage;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace IntakeBot.Bot;

/// <summary>The Bot Framework adapter. When a turn in a 1:1 chat fails it tells the person, kindly and
/// without blaming them, what happened to their message (anywhere else it posts nothing), and logs only what kind of failure it was: never the
/// exception message, which may quote what the person wrote. <see cref="TurnCommit"/> ends every turn.</summary>
public sealed class IntakeAdapter : CloudAdapter
{
    public IntakeAdapter(
        BotFrameworkAuthentication auth,
        TurnCommit turnCommit,
        UnconfirmedTurns unconfirmed,
        ConversationCommit conversationCommit,
        TurnLanguage turnLanguage,
        ConversationStateAccessors state,
        TextCatalog text,
        ILogger<IntakeAdapter> logger,
        ILoggerFactory loggers)
        // Bot Framework's own log lines quote 1:1 conversation ids: under its category, not the bot's,
        // ContentFreeLogs reduces them to category, level and event before any export.
        : base(auth, loggers.CreateLogger<CloudAdapter>())
    {
        Use(turnLanguage);
        Use(new IntakeBot.Telemetry.TurnTelemetry(e => e is StateConflictException));
        Use(turnCommit);
        OnTurnError = async (turnContext, exception) =>
        {
            // The error reply is in the language the turn was in when it failed.
            var turn = ConversationTurn.Of(turnContext);
            using var language = ReaderLanguage.Begin(turn.EndedInLanguage ?? turnLanguage.Of(turnContext.Activity));
            if (turn.Proactive)
            {
                // A message to someone who said nothing: the outbox tries again; they see no error.
                ExceptionDispatchInfo.Throw(exception);
            }

            if (turnContext.Activity.Type == ActivityTypes.Invoke || !TeamsGuard.IsPersonalChat(turnContext.Activity))
            {
                // Whoever else is in a group chat or channel must not learn that anyone is reporting:
                // an invoke gets its own private answer, and nothing is ever posted in a group.
                logger.LogError("Turn {ActivityId} ({ActivityType}) outside a 1:1 chat failed with {ExceptionType} at {StackTrace}; nothing was posted in the conversation.",
                    turnContext.Activity.Id, turnContext.Activity.Type, exception.GetType().FullName, exception.StackTrace);
                await AnswerInvokeAsync(turnContext, text).ConfigureAwait(false);
                return;
            }

            if (exception is StateWriteUnknownException)
            {
                await AnswerUnknownCommitAsync(turnContext, unconfirmed, state, text, logger).ConfigureAwait(false);
                return;
            }

            if (exception is StateConflictException || IsStorageFailure(exception))
            {
                switch (await HandledBeforeAsync(turnContext, state).ConfigureAwait(false))
                {
                    case true:
                        // The state holds this activity: a redelivery ran while the first delivery was
                        // still running and the first one committed, or this turn's own write landed though
                        // storage answered with an error and could not be read back then. Either way the
                        // message is kept, so the person is not told it was lost.
                        logger.LogInformation("Turn {ActivityId} failed with {ExceptionType}, but the state holds it: it was committed.", turnContext.Activity.Id, exception.GetType().FullName);
                        return;
                    case null:
                        // Storage cannot be read: this delivery kept nothing, but another delivery of the
                        // same message (a channel delivers again when an answer is slow, or after a process
                        // stopped) may have kept it. Only "not known yet" is true.
                        logger.LogWarning("Turn {ActivityId} failed with {ExceptionType}, and storage could not be read to tell whether another delivery kept it.", turnContext.Activity.Id, exception.GetType().FullName);
                        await TellNotKnownYetAsync(turnContext, unconfirmed, text).ConfigureAwait(false);
                        return;
                }
            }

            var (key, level) = exception switch
            {
                StateConflictException => (TextKey.ConcurrentMessages, LogLevel.Warning),
                _ when IsStorageFailure(exception) => (TextKey.StorageUnavailable, LogLevel.Error),
                _ => (TextKey.TurnError, LogLevel.Error),
            };
            logger.Log(level, "Turn {ActivityId} in a {ChannelId} conversation failed with {ExceptionType} at {StackTrace}.",
                turnContext.Activity.Id, turnContext.Activity.ChannelId, exception.GetType().FullName, exception.StackTrace);
            if (exception is StateConflictException)
            {
                // The turn that won may be another delivery of this very message, committing a moment
                // later: the person is told it is not known yet, and it is settled as an unknown commit is.
                SettleLater(turnContext, unconfirmed);
            }

            var reply = MessageFactory.Text(text[key]);
            try
            {
                await turnContext.SendActivityAsync(reply).ConfigureAwait(false);
            }
            catch (Exception sendFailure) when (sendFailure is HttpRequestException or ErrorResponseException or OperationCanceledException)
            {
                logger.LogError("The error reply for turn {ActivityId} could not be sent ({ExceptionType}).", turnContext.Activity.Id, sendFailure.GetType().FullName);
                return;
            }

            // Delivered (or returned, with expectReplies): it belongs in the transcript of what they saw.
            await conversationCommit.RecordFailedTurnAsync(turnContext, reply, CancellationToken.None).ConfigureAwait(false);
        };
    }

    /// <summary>A failed invoke is answered only to the person who sent it: a message action's pop-up
    /// says the message was not kept; any other invoke gets a bare error status.</summary>
    private static async Task AnswerInvokeAsync(ITurnContext turnContext, TextCatalog text)
    {
        if (turnContext.Activity.Type != ActivityTypes.Invoke)
        {
            return;
        }

        var messageAction = turnContext.Activity.Name?.StartsWith("composeExtension/", StringComparison.Ordinal) == true;
        var response = new InvokeResponse
        {
            Status = messageAction ? 200 : 500,
            Body = messageAction ? new MessagingExtensionActionResponse { Task = new TaskModuleMessageResponse(text[TextKey.CaptureFailed]) } : null,
        };
        await turnContext.SendActivityAsync(new Activity { Type = ActivityTypesEx.InvokeResponse, Value = response }).ConfigureAwait(false);
    }

    /// <summary>The turn's commit may have landed and storage could not say: if it answers now and the
    /// state holds the turn, the turn counts and its held replies go out; otherwise the person is told
    /// that it is not known yet (never that it was lost), and the turn is settled once storage answers
    /// (<see cref="UnconfirmedTurns"/>). Nothing is recorded now: storage is not answering.</summary>
    private static async Task AnswerUnknownCommitAsync(ITurnContext turnContext, UnconfirmedTurns unconfirmed, ConversationStateAccessors state, TextCatalog text, ILogger logger)
    {
        var activity = turnContext.Activity;
        if (await HandledBeforeAsync(turnContext, state).ConfigureAwait(false) == true)
        {
            logger.LogInformation("Turn {ActivityId}: storage could not say at first whether its commit landed; it did, and its replies are sent.", activity.Id);
            if (ConversationTurn.Of(turnContext).Held is { Count: > 0 } held)
            {
                await turnContext.SendActivitiesAsync([.. held]).ConfigureAwait(false);
            }

            return;
        }

        logger.LogWarning("Turn {ActivityId}: storage did not answer, so whether its commit landed is not known; the person is told so.", activity.Id);
        await TellNotKnownYetAsync(turnContext, unconfirmed, text).ConfigureAwait(false);
    }

    /// <summary>The person is told that whether their message was kept is not known yet, and the turn is
    /// settled once storage answers, so that the same words sent again are recognised if it was.</summary>
    private static async Task TellNotKnownYetAsync(ITurnContext turnContext, UnconfirmedTurns unconfirmed, TextCatalog text)
    {
        SettleLater(turnContext, unconfirmed);
        await turnContext.SendActivityAsync(MessageFactory.Text(text[TextKey.StorageOutcomeUnknown])).ConfigureAwait(false);
    }

    /// <summary>Hands the turn to <see cref="UnconfirmedTurns"/>, which settles it once storage answers.</summary>
    private static void SettleLater(ITurnContext turnContext, UnconfirmedTurns unconfirmed)
    {
        if (!string.IsNullOrEmpty(turnContext.Activity.Id))
        {
            var turn = ConversationTurn.Of(turnContext);
            unconfirmed.Add(turn.StateKey, turnContext.Activity.Id, turn.Fingerprint);
        }
    }

    /// <summary>Whether the committed state already lists this activity as handled; null when storage
    /// could not be read to tell.</summary>
    private static async Task<bool?> HandledBeforeAsync(ITurnContext turnContext, ConversationStateAccessors state)
    {
        if (string.IsNullOrEmpty(turnContext.Activity.Id))
        {
            return false;
        }

        try
        {
            await state.State.LoadAsync(turnContext, force: true).ConfigureAwait(false);
            ConversationTurn.Of(turnContext).StateReloaded = true;
            var profile = await state.Profile.GetAsync(turnContext, () => new ConversationProfile()).ConfigureAwait(false);
            return profile.RecentActivityIds.Contains(turnContext.Activity.Id, StringComparer.Ordinal);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            return null;
        }
    }

    /// <summary>Storage answered with an error or could not be reached (the Azure SDK wraps what it gave
    /// up on after its retries in an AggregateException).</summary>
    private static bool IsStorageFailure(Exception exception)
        => exception is RequestFailedException or HttpRequestException or TimeoutException
            || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(IsStorageFailure));
}
