namespace IntakeBot.Conversation;

/// <summary>What a choice step is begun with: the question, the words for an answer that did not
/// fit, and the choices. Kept in the step's state so that a reprompt after a restart is the same.</summary>
public sealed class ChoiceStepOptions
{
    public string Prompt { get; set; } = string.Empty;

    public string Retry { get; set; } = string.Empty;

    public List<string> Ids { get; set; } = [];

    public List<string> Titles { get; set; } = [];

    /// <summary>Other words for each choice ("continue" for "carry on"); absent in a step saved before
    /// they were kept, which then matches by number, title and id only.</summary>
    public List<List<string>> ShortNames { get; set; } = [];

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

    public IReadOnlyList<Choice> Choices()
        => [.. Ids.Select((id, i) => new Choice(id, Titles[i], i < ShortNames.Count ? ShortNames[i] : []))];
}
