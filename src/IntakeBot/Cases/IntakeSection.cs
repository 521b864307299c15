using IntakeBot.Text;

namespace IntakeBot.Cases;

public enum SectionInput
{
    /// <summary>Any number of messages; "done" ends.</summary>
    Account,

    /// <summary>One message of free text; the choices are only suggestions.</summary>
    Text,

    /// <summary>One of the choices.</summary>
    Choice,

    /// <summary>Screenshots, files and pasted text, kept as evidence items of the case rather than answers.</summary>
    Evidence,
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
    Func<IntakeAnswers, IReadOnlyList<string>, IntakeAnswers> Write)
{
    /// <summary>"Is it still going on?": a pattern of behaviour, asked apart from safety.</summary>
    public const string StillHappeningId = "still-happening";

    /// <summary>"Are you safe right now?": any answer but yes shows the urgent-help contact and waits
    /// until the person says they want to carry on.</summary>
    public const string SafeNowId = "safe-now";

    /// <summary>"Did this happen to you, or did you see it?": the impact question adapts to it.</summary>
    public const string RoleId = "role";

    /// <summary>The "when" question, where "I don't know" is an answer.</summary>
    public const string WhenId = "when";

    /// <summary>Safe times or ways to be contacted: not asked of someone who asked not to be contacted.</summary>
    public const string SafeTimesId = "safe-times";

    /// <summary>The contact question, where "Email" goes on to ask for the address.</summary>
    public const string ContactId = "contact";

    /// <summary>The question and title used instead of <see cref="Prompt"/> and <see cref="Title"/>
    /// when the person saw it happen to someone else.</summary>
    public (TextKey Prompt, TextKey Title)? ForBystander { get; init; }

    /// <summary>The evidence step: its items live in the case's evidence list, not in the answers.</summary>
    public static IntakeSection EvidenceStep(TextKey prompt)
        => new("evidence", TextKey.TitleEvidence, prompt, SectionInput.Evidence, true, [], _ => [], (a, _) => a);

    /// <summary>A section whose answer is one message (or none, when skipped).</summary>
    public static IntakeSection Single(
        string id,
        TextKey title,
        TextKey prompt,
        SectionInput input,
        bool optional,
        IReadOnlyList<TextKey> choices,
        Func<IntakeAnswers, string?> read,
        Func<IntakeAnswers, string?, IntakeAnswers> write)
        => new(id, title, prompt, input, optional, choices,
            a => read(a) is { } value ? [value] : [],
            (a, v) => write(a, v.Count == 0 ? null : v[0]));
}
