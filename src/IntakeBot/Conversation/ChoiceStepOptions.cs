namespace IntakeBot.Conversation;

/// <summary>What a choice step is begun with: the question, the words for an answer that did not
/// fit, the choices, and at the review the parts a person may name or number to change one. Kept in
/// the step's state so that a reprompt after a restart is the same.</summary>
public sealed class ChoiceStepOptions
{
    public string Prompt { get; set; } = string.Empty;

    public string Retry { get; set; } = string.Empty;

    public List<string> Ids { get; set; } = [];

    public List<string> Titles { get; set; } = [];

    /// <summary>Other words for each choice ("continue" for "carry on"); absent in a step saved before
    /// they were kept, which then matches by number, title and id only.</summary>
    public List<List<string>> ShortNames { get; set; } = [];

    /// <summary>Parts that may be named or numbered instead of a choice (the review's "12",
    /// "witnesses"): numbers count the parts, not the choices. A part picked this way ends the step
    /// as <see cref="PartChoice"/> with the part.</summary>
    public List<string> PartIds { get; set; } = [];

    public List<string> PartTitles { get; set; } = [];

    public string? PartChoice { get; set; }

    /// <summary>How many answers in a row did not fit: from the second, the choices come with one
    /// line of help, never the same refusal again.</summary>
    public int Refusals { get; set; }

    public static ChoiceStepOptions For(string prompt, string retry, IEnumerable<Choice> choices)
    {
        var list = choices.ToList();
        return new ChoiceStepOptions
        {
            Prompt = prompt,
            Retry = retry,
            Ids = [.. list.Select(c => c.Id)],
            Titles = [.. list.Select(c => c.Title)],
            ShortNames = [.. list.Select(c => c.ShortNames.ToList())],
        };
    }

    /// <summary>The same step, where naming or numbering one of <paramref name="parts"/> picks
    /// <paramref name="choice"/> for that part.</summary>
    public ChoiceStepOptions WithParts(string choice, IEnumerable<Choice> parts)
    {
        var list = parts.ToList();
        PartChoice = choice;
        PartIds = [.. list.Select(p => p.Id)];
        PartTitles = [.. list.Select(p => p.Title)];
        return this;
    }

    public IReadOnlyList<Choice> Choices()
        => [.. Ids.Select((id, i) => new Choice(id, Titles[i], i < ShortNames.Count ? ShortNames[i] : []))];

    public IReadOnlyList<Choice> Parts()
        => [.. PartIds.Select((id, i) => new Choice(id, PartTitles[i]))];
}
