namespace IntakeBot.Workspace;

/// <summary>One question of the report as the reader sees it: its title in their language and the answer,
/// a choice in their words (it is stored as a meaning) or what the person wrote, as written.</summary>
public sealed record AnswerSection(string Title, IReadOnlyList<string> Lines);
