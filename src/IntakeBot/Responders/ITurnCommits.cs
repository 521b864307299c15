namespace IntakeBot.Responders;

/// <summary>Whether the turn that decided an outbox entry committed: an entry is written before its
/// turn's commit, so one found without it belongs to a turn that failed and is never sent.</summary>
public interface ITurnCommits
{
    Task<bool> IsCommittedAsync(string conversationKey, string activityId, CancellationToken cancellationToken);
}
