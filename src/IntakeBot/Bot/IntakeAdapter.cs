using Azure;
using IntakeBot.Conversation;
using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace IntakeBot.Bot;

/// <summary>The Bot Framework adapter. When a turn fails it tells the person, kindly and without
/// blaming them, what happened to their message, and logs only what kind of failure it was: never the
/// exception message, which may quote what the person wrote.</summary>
public sealed class IntakeAdapter : CloudAdapter
{
    public IntakeAdapter(
        BotFrameworkAuthentication auth,
        TranscriptCollector transcript,
        TextCatalog text,
        ILogger<IntakeAdapter> logger)
        : base(auth, logger)
    {
        Use(new IntakeBot.Telemetry.TurnTelemetry());
        Use(transcript);
        Use(new RepliesAfterSave());
        OnTurnError = async (turnContext, exception) =>
        {
            var (key, level) = exception switch
            {
                StateConflictException => (TextKey.ConcurrentMessages, LogLevel.Warning),
                _ when IsStorageFailure(exception) => (TextKey.StorageUnavailable, LogLevel.Error),
                _ => (TextKey.TurnError, LogLevel.Error),
            };
            logger.Log(level, "Turn {ActivityId} in a {ChannelId} conversation failed with {ExceptionType} at {StackTrace}.",
                turnContext.Activity.Id, turnContext.Activity.ChannelId, exception.GetType().FullName, exception.StackTrace);
            try
            {
                await turnContext.SendActivityAsync(MessageFactory.Text(text[key])).ConfigureAwait(false);
            }
            catch (Exception sendFailure) when (sendFailure is HttpRequestException or ErrorResponseException or OperationCanceledException)
            {
                logger.LogError("The error reply for turn {ActivityId} could not be sent ({ExceptionType}).", turnContext.Activity.Id, sendFailure.GetType().FullName);
            }
        };
    }

    /// <summary>Storage answered with an error or could not be reached (the Azure SDK wraps what it gave
    /// up on after its retries in an AggregateException).</summary>
    private static bool IsStorageFailure(Exception exception)
        => exception is RequestFailedException or HttpRequestException or TimeoutException
            || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(IsStorageFailure));
}
