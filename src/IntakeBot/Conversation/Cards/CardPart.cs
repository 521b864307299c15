namespace IntakeBot.Conversation.Cards;

/// <summary>One part of a report on a card: the id a button sends back, its title, and its answer as
/// the reporter gave it (one entry per message or evidence line; none when left out). Lines that can be
/// taken out before submitting (evidence on the review) have an id each in <paramref name="Removable"/>,
/// sent back by the Remove button beside the line.</summary>
public sealed record CardPart(string Id, string Title, IReadOnlyList<string> Lines, IReadOnlyList<string>? Removable = null);
