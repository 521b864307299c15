using System.Collections.Concurrent;
using IntakeBot.Conversation;
using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Bot;

/// <summary>Turns whose commit may or may not have landed, because storage stopped answering before the
/// write could be read back (<see cref="StateWriteUnknownException"/>): the person was told that it is
/// not known yet and asked to send the message again in a little while. Once storage answers, each is
/// settled from the conversation's state: when the commit landed and no later turn was taken, the state
/// is marked so that the same words sent again are recognised instead of taken twice
/// (<see cref="Conversation.ConversationProfile.UnseenRepliesTo"/>); when it did not land, nothing is
/// needed, the words sent again are new. Held in this process only (no storage to keep them in while it
/// is down): a process that stops within that minute leaves its turns unsettled.</summary>
public sealed class UnconfirmedTurns(IStorage storage, TimeProvider clock, ILogger<UnconfirmedTurns> logger) : BackgroundService
{
    /// <summary>How long a turn is tried: storage that is still down after this is an outage, and the
    /// person has long since written again.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (string StateKey, string Fingerprint, DateTimeOffset Since)> _turns = new(StringComparer.Ordinal);

    public int Count => _turns.Count;

    public void Add(string stateKey, string activityId, string fingerprint) => _turns[activityId] = (stateKey, fingerprint, clock.GetUtcNow());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await SettleAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Settles this conversation's turns from the state a new turn has just read, before that
    /// turn takes its message: the person sends the words again as soon as storage answers, often before
    /// the next pass. A turn that committed and was the last one marks the state (in the new turn, which
    /// commits it) so that its words sent again are recognised; the pass drops the turns later.</summary>
    public void SettleIn(string stateKey, ConversationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        foreach (var (activityId, turn) in _turns)
        {
            if (turn.StateKey == stateKey && profile.RecentActivityIds.LastOrDefault() == activityId)
            {
                profile.UnseenRepliesTo = turn.Fingerprint;
            }
        }
    }

    /// <summary>One pass over the turns not settled yet.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        foreach (var (activityId, turn) in _turns)
        {
            try
            {
                if (await SettleAsync(turn.StateKey, activityId, turn.Fingerprint, cancellationToken).ConfigureAwait(false)
                    || clock.GetUtcNow() - turn.Since > GiveUpAfter)
                {
                    _turns.TryRemove(activityId, out _);
                }
            }
            catch (Exception e) when (e is StateConflictException or StateWriteUnknownException or Azure.RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
            {
                // Storage is not back yet, or a turn committed meanwhile: the next pass reads again.
                logger.LogDebug("Turn {ActivityId} is not settled yet ({ExceptionType}).", activityId, e.GetType().FullName);
            }
        }
    }

    private async Task<bool> SettleAsync(string stateKey, string activityId, string fingerprint, CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([stateKey], cancellationToken).ConfigureAwait(false);
        var state = items.TryGetValue(stateKey, out var stored) && stored is not null ? JObject.FromObject(stored) : null;
        var ids = state?["profile"]?["RecentActivityIds"] as JArray;
        if (state is null || ids is null || !ids.Any(id => id.Type == JTokenType.String && id.Value<string>() == activityId))
        {
            logger.LogInformation("Turn {ActivityId}, whose commit was not known, did not commit: the message sent again is taken as new.", activityId);
            return true;
        }

        if (ids.Last?.Value<string>() != activityId)
        {
            logger.LogWarning("Turn {ActivityId}, whose commit was not known, committed, and a later turn was taken before storage answered.", activityId);
            return true;
        }

        state["profile"]!["UnseenRepliesTo"] = fingerprint;
        await storage.WriteAsync(new Dictionary<string, object> { [stateKey] = state }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Turn {ActivityId}, whose commit was not known, committed: the same message sent again is recognised.", activityId);
        return true;
    }
}
