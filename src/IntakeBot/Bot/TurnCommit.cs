using IntakeBot.Conversation;
using IntakeBot.Responders;
using IntakeBot.Storage;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Bot;

/// <summary>The end of every turn, in one place. It begins the turn's <see cref="ConversationTurn"/>
/// (what came in is its first line), holds the bot's replies while the bot decides, then: the
/// conversation puts what the turn decided into its state (<see cref="ConversationCommit.KeepAsync"/>);
/// the messages decided for other people go to the outbox (named from the activity, so a redelivery
/// writes the same ones); the conversation's state is committed (the one ETag-guarded write that makes
/// the turn count); the held replies are sent; the conversation applies what the commit implies outside
/// the state blob (<see cref="ConversationCommit.ApplyAsync"/>); and the outbox entries go to the sender.
/// Nothing the person is shown comes before the commit; a reply that fails to send after it is not
/// treated as a lost message, because it was not one: the person's message is kept.</summary>
public sealed class TurnCommit(
    ConversationCommit conversation,
    ConversationStateAccessors state,
    NotificationOutbox outbox,
    IOptions<NotificationOptions> notificationOptions,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<TurnCommit> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>Test seam (never set in production): every turn stops for good right after its commit,
    /// so that a test can kill the process exactly between the commit and what follows it.</summary>
    private readonly bool _holdAfterCommit = configuration.GetValue<bool>("Diagnostics:HoldAfterCommit");

    /// <summary>How many times a turn runs before a conflicting write from another turn of the same
    /// conversation (messages sent at the same moment) is given up and the person asked to send it again.
    /// Each run that loses lets one other commit; several messages at once need as many runs.</summary>
    internal const int Attempts = 5;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var turn = ConversationTurn.Begin(turnContext, clock.GetUtcNow());
        var holding = true;
        turnContext.OnSendActivities(async (context, activities, nextSend) =>
        {
            if (!holding)
            {
                return await nextSend().ConfigureAwait(false);
            }

            var current = ConversationTurn.Of(context);
            foreach (var activity in activities.Where(a => a.Type != ActivityTypes.Trace))
            {
                current.Hold(activity, clock.GetUtcNow());
            }

            return [.. activities.Select(_ => new ResourceResponse(string.Empty))];
        });

        List<OutboxEntry> messages;
        try
        {
            (turn, messages) = await DecideAndCommitAsync(turnContext, turn, next, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // From here on (including the adapter's error handler) replies go straight out.
            holding = false;
        }

        await SendAsync(turnContext, turn, cancellationToken).ConfigureAwait(false);
        await conversation.ApplyAsync(turnContext, turn, cancellationToken).ConfigureAwait(false);
        outbox.Committed(messages);
    }

    /// <summary>Runs the turn and commits it. When another turn of the same conversation committed
    /// first (two messages at the same moment, or a redelivery), nothing of this one was shown or
    /// applied yet: it runs again on the newest state, as if it had arrived just after the other, so
    /// that neither message is lost. Messages for other people that an earlier run left in the outbox
    /// and the last run did not decide are withdrawn once the last run has committed, unless the last run
    /// found the activity committed by another delivery, whose messages carry the same names.</summary>
    private async Task<(ConversationTurn Turn, List<OutboxEntry> Messages)> DecideAndCommitAsync(ITurnContext turnContext, ConversationTurn turn, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var (text, value) = (activity.Text, activity.Value);
        var language = ReaderLanguage.Current;
        var leftBehind = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(cancellationToken).ConfigureAwait(false);
                var messages = await CommitAsync(turnContext, turn, leftBehind, cancellationToken).ConfigureAwait(false);
                leftBehind.ExceptWith(messages.Select(m => m.Id));
                if (!turn.DeliveredBefore)
                {
                    // When another delivery of this activity committed, entries an earlier run wrote are
                    // named as that delivery's are (activity and message): they may be its, and stay.
                    await outbox.WithdrawAsync(leftBehind, cancellationToken).ConfigureAwait(false);
                }

                return (turn, messages);
            }
            catch (StateConflictException) when (attempt < Attempts && turn.ReadState && !turn.Proactive && !cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("Turn {ActivityId} met a newer state of its conversation at its commit; it runs again on it (run {Attempt} of {Attempts}).", activity.Id, attempt + 1, Attempts);
                (activity.Text, activity.Value) = (text, value);
                ReaderLanguage.Switch(language);
                turn = ConversationTurn.Restart(turnContext, clock.GetUtcNow());
                // A short, random pause: turns that lost together do not all meet again at their next commit.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 60) * attempt), cancellationToken).ConfigureAwait(false);
                await state.State.LoadAsync(turnContext, force: true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The commit. Messages for other people are written before it, so that a process that
    /// stops right after it leaves them behind for any process to send; one that finds them checks the
    /// commit (the activity id in the state) first, so those of a turn that failed are never sent.</summary>
    private async Task<List<OutboxEntry>> CommitAsync(ITurnContext turnContext, ConversationTurn turn, HashSet<string> written, CancellationToken cancellationToken)
    {
        await conversation.KeepAsync(turnContext, turn, cancellationToken).ConfigureAwait(false);
        var activity = turnContext.Activity;
        var now = clock.GetUtcNow();
        var messages = turn.Notifications.Select(n => new OutboxEntry(n, turn.StateKey, activity.Id, now)).ToList();
        var due = now + TimeSpan.FromMilliseconds(notificationOptions.Value.ClaimAfterMilliseconds);
        var checkable = !string.IsNullOrEmpty(activity.Id) && turn.ReadState;
        if (checkable)
        {
            written.UnionWith(await outbox.WriteAsync(messages, due, cancellationToken).ConfigureAwait(false));
        }

        await state.State.SaveChangesAsync(turnContext, force: false, cancellationToken).ConfigureAwait(false);
        if (!checkable)
        {
            // Nothing to check a commit by: written once the turn counts.
            await outbox.WriteAsync(messages, due, cancellationToken).ConfigureAwait(false);
        }

        if (_holdAfterCommit && turn.ReadState)
        {
            logger.LogWarning("Turn {ActivityId} committed and is held there (Diagnostics:HoldAfterCommit).", activity.Id);
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        return messages;
    }

    /// <summary>Sends the held replies in order; from the first that fails, none is sent or recorded.</summary>
    private async Task SendAsync(ITurnContext turnContext, ConversationTurn turn, CancellationToken cancellationToken)
    {
        var held = turn.Held;
        for (var i = 0; i < held.Count; i++)
        {
            try
            {
                await turnContext.SendActivityAsync(held[i], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or ErrorResponseException or TaskCanceledException && !cancellationToken.IsCancellationRequested
                && !turn.Proactive)
            {
                // (A proactive message's failure goes back to the outbox, which tries it again.)
                logger.LogWarning("A reply in turn {ActivityId} could not be delivered ({ExceptionType}); the turn's state is kept and {Count} replies were not sent.",
                    turnContext.Activity.Id, e.GetType().FullName, held.Count - i);
                foreach (var unsent in held.Skip(i))
                {
                    turn.Transcript.Undelivered(unsent);
                }

                return;
            }
        }
    }
}
