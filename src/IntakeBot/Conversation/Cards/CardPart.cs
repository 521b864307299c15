namespace IntakeBot.Conversation.Cards;

/// <summary>One part of a report on a card: the id a button sends back, its title, and its answer as
/// the reporter gave it (one entry per message or evidence line; none when left out).</summary>
public sealed record CardPart(string Id, string Title, IReadOnlyList<string> Lines);
