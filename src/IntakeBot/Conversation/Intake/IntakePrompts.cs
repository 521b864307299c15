using IntakeBot.Cases;

namespace IntakeBot.Conversation.Intake;

/// <summary>The ids of the prompts the intake's dialogs begin. They are stored in saved conversations
/// (a draft waits at one), so they never change.</summary>
internal static class IntakePrompts
{
    public const string RequiredText = "required-text";
    public const string RequiredWhen = "required-when";
    public const string OptionalText = "optional-text";

    /// <summary>A choice of the intake's own (review actions, which part to edit, discard, carry on).</summary>
    public const string Choice = "choice";

    /// <summary>A section's choice, where text typed ahead is kept in the account.</summary>
    public const string SectionChoice = "section-choice";

    public const string ContactEmail = "email";
    public const string Evidence = "evidence";

    public static string Account(IntakeSection section) => $"account:{section.Id}";

    public static bool IsAccount(string? id) => id?.StartsWith("account:", StringComparison.Ordinal) ?? false;
}
