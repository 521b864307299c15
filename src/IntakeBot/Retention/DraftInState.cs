namespace IntakeBot.Retention;

/// <summary>A draft found in a conversation's state; its case reference once it has one.</summary>
public sealed record DraftInState(string? Reference);
