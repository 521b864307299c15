namespace IntakeBot.Conversation.Intake;

/// <summary>Where the section loop is: which section (by id, so that a question added or moved
/// leaves a draft in progress at its question), and whether it returns to the review. A draft
/// saved when the cursor was a position has only <see cref="Index"/>. Saved in the conversation's
/// state as the options of the section loop, the contact address and the safety wait: its property
/// names are stored.</summary>
internal sealed record SectionCursor(string? Id, bool Editing)
{
    public int? Index { get; init; }
}
