namespace IntakeBot.Storage;

/// <summary>A state write may have landed, and storage did not answer long enough to read it back: it is
/// not known whether the turn counts. Nobody may be told that their message was lost, or kept.</summary>
public sealed class StateWriteUnknownException(Exception inner) : Exception("Storage did not answer; whether the state write landed is not known.", inner);
