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

    /// <summary>Items that may be taken out ("remove 2", or a card's Remove button): the review's
    /// evidence, numbered from 1 as the card shows them. One ends the step as <see cref="ItemChoice"/>
    /// with the item's id, or with none when the number is not one of them.</summary>
    public List<string> ItemIds { get; set; } = [];

    public string? ItemChoice { get; set; }

    /// <summary>The question is on a card sent just before (the review): not sent again as a message
    /// of its own when the step begins; asked again later, the card is shown again where the prompt
    /// can build it, so that the question's words are said once, on the card.</summary>
    public bool ShownOnCard { get; set; }

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

    /// <summary>The same step, where "remove" and a number, or a card button sending
    /// <paramref name="choice"/>, picks one of <paramref name="items"/>.</summary>
    public ChoiceStepOptions WithItems(string choice, IEnumerable<string> items)
    {
        ItemChoice = choice;
        ItemIds = [.. items];
        return this;
    }

    public IReadOnlyList<Choice> Choices()
        => [.. Ids.Select((id, i) => new Choice(id, Titles[i], i < ShortNames.Count ? ShortNames[i] : []))];

    public IReadOnlyList<Choice> Parts()
        => [.. PartIds.Select((id, i) => new Choice(id, PartTitles[i]))];
}
