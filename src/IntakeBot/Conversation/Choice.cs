namespace IntakeBot.Conversation;

/// <summary>One option of a choice step: a stable id (what a card button sends back and what the
/// dialog stores), the title shown, and short names a person might type instead ("witnesses",
/// "contact").</summary>
public sealed record Choice(string Id, string Title, IReadOnlyList<string> ShortNames)
{
    public Choice(string id, string title)
        : this(id, title, [])
    {
    }
}
