namespace IntakeBot.Cases;

/// <summary>An addition to a submitted case, decided by a turn and kept in the conversation's state by
/// its commit; written to the case after it (by activity id, so writing it twice adds it once) and
/// then removed from the state.</summary>
public sealed record PendingAddition(string Reference, Addition Addition);
