namespace IntakeBot.Conversation;

/// <summary>What a choice step is begun with: the question, the words for an answer that did not
/// fit, and the choices. Kept in the step's state so that a reprompt after a restart is the same.</summary>
public sealed class ChoiceStepOptions
{
    public string Prompt { get; set; } = string.Empty;

    public string Retry { get; set; } = string.Empty;

    public List<string> Ids { get; set; } = [];

    public List<string> Titles { get; set; } = [];

    public static ChoiceStepOptions For(string prompt, string retry, IEnumerable<Choice> choices)
    {
        var list = choices.ToList();
        return new ChoiceStepOptions { Prompt = prompt, Retry = retry, Ids = [.. list.Select(c => c.Id)], Titles = [.. list.Select(c => c.Title)] };
    }

    public IReadOnlyList<Choice> Choices() => [.. Ids.Zip(Titles, (id, title) => new Choice(id, title))];
}
