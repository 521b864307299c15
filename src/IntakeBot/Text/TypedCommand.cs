namespace IntakeBot.Text;

/// <summary>A command as typed, read once by <see cref="CommandWords"/>: which verb (a <c>Verb…</c>
/// key of the catalog), the case reference after it (upper case, empty when none was typed), the rest
/// of the message as the person wrote it (empty when only punctuation followed), and whether nothing
/// but punctuation or a polite word followed (<see cref="Ends"/>: "view IR-… please"). A message or a
/// note that says only "thanks" is still a message: the verbs that take words read <see cref="Rest"/>.</summary>
public sealed record TypedCommand(TextKey Verb, string Reference, string Rest, bool Ends)
{
    public bool HasReference => Reference.Length > 0;

    /// <summary>The reference has the shape of a case's ("IR-…"), not just any word after the verb.</summary>
    public bool NamesACase => Reference.StartsWith(CommandWords.ReferencePrefix, StringComparison.Ordinal);
}
