using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>One choice of a section: its stored name and the catalog entry that shows it.</summary>
public sealed record SectionChoice(string Id, TextKey Title);
