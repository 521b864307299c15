using IntakeBot.Cases;

namespace IntakeBot.Evidence;

/// <summary>A message someone chose to report, as kept in their 1:1 conversation's state until they
/// decide what to do with it: its facts, its text, the HTML Teams sent (kept, never rendered), and
/// the images it shows or carries, to fetch when it becomes evidence.</summary>
public sealed record CapturedMessage(MessageFacts Facts, string Text, string? Html, List<CapturedImage>? Images = null);
