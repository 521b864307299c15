using System.Diagnostics;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Telemetry;

/// <summary>One span a turn, the parent of the turn's storage and Graph spans, and the turn's count and
/// duration by the kind of activity and how it ended. Outermost, so it also times the replies. An
/// exception that <paramref name="isConflict"/> accepts (a stale state write) counts as a conflict.</summary>
public sealed class TurnTelemetry(Func<Exception, bool> isConflict) : Microsoft.Bot.Builder.IMiddleware
{
    private static readonly HashSet<string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.Invoke, ActivityTypes.InstallationUpdate,
        ActivityTypes.MessageReaction, ActivityTypes.MessageUpdate, ActivityTypes.MessageDelete, ActivityTypes.Typing, ActivityTypes.Event,
    };

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        // The activity type comes from the client: only known words become a span name or a metric tag.
        var kind = turnContext.Activity.Type is { } type && Kinds.TryGetValue(type, out var known) ? known : "other";
        using var activity = IntakeActivities.Source.StartActivity($"turn {kind}");
        activity?.SetTag("intake.turn.kind", kind);
        activity?.SetTag("intake.conversation.type", turnContext.Activity.Conversation?.ConversationType is "personal" or "groupChat" or "channel" ? turnContext.Activity.Conversation.ConversationType : "other");
        var started = Stopwatch.GetTimestamp();
        var outcome = Outcomes.Ok;
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var conflict = isConflict(exception);
            outcome = conflict ? Outcomes.Conflict : Outcomes.Failed;
            if (conflict)
            {
                IntakeMetrics.Conflict("turn");
            }

            activity?.SetTag("error.type", exception.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error);
            throw;
        }
        finally
        {
            IntakeMetrics.TurnCompleted(kind, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
