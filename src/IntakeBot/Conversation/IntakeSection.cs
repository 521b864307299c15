using IntakeBot.Cases;

namespace IntakeBot.Conversation;

public enum SectionInput
{
    /// <summary>Any number of messages; "done" ends.</summary>
    Account,

    /// <summary>One message of free text; the choices are only suggestions.</summary>
    Text,

    /// <summary>One of the choices.</summary>
    Choice,
}

/// <summary>One question of the intake: how it is asked, whether it may be skipped, and where its
/// answer goes in <see cref="IntakeAnswers"/>. An answer is a list of messages: one for a single
/// answer, several for an account, none when skipped.</summary>
public sealed record IntakeSection(
    string Id,
    TextKey Title,
    TextKey Prompt,
    SectionInput Input,
    bool Optional,
    IReadOnlyList<TextKey> Choices,
    Func<IntakeAnswers, IReadOnlyList<string>> Read,
    Func<IntakeAnswers, IReadOnlyList<string>, IntakeAnswers> Write);
