namespace IntakeBot.Storage;

/// <summary>Another turn saved the same conversation's state first. Carries no state content.</summary>
public sealed class StateConflictException(Exception inner)
    : Exception("The stored state was changed by another turn since it was read.", inner);
