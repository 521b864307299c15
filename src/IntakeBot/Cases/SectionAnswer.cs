namespace IntakeBot.Cases;

/// <summary>A section's answer: the stored name of the choice made, if any, and what was typed.</summary>
public sealed record SectionAnswer(string? Choice, IReadOnlyList<string> Texts)
{
    public static SectionAnswer None { get; } = new(null, []);

    public bool IsEmpty => Choice is null && Texts.Count == 0;
}
