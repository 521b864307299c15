namespace IntakeBot.Conversation;

/// <summary>The choice a person made: its id, its place in the list, and for a card's Edit button
/// next to a part, which part.</summary>
public sealed record PickedChoice(string Id, int Index, string? Part);
