namespace IntakeBot.Text;

/// <summary>A command as typed, read once by <see cref="CommandWords"/>: which verb (a <c>Verb…</c>
/// key of the catalog), the case reference after it (upper case, empty when none was typed) and the
/// rest of the message as the person wrote it (empty when nothing but punctuation or a polite word
/// followed).</summary>
public sealed record TypedCommand(TextKey Verb, string Reference, string Rest)
{
    public bool HasReference => Reference.Length > 0;

    /// <summary>Nothing follows the verb and its reference.</summary>
    public bool Ends => Rest.Length == 0;
}
