using IntakeBot.Cases.Answers;
using IntakeBot.Storage;
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

/// <summary>One question of the intake: how it is asked, whether it may be skipped, the choices it
/// offers, and where its answer goes in <see cref="IntakeAnswers"/>. An answer is a choice's stored
/// name, the messages typed (one for a single answer, several for an account), both, or neither when
/// skipped.</summary>
public sealed record IntakeSection(
    string Id,
    TextKey Title,
    TextKey Prompt,
    SectionInput Input,
    bool Optional,
    IReadOnlyList<SectionChoice> Choices,
    Func<IntakeAnswers, SectionAnswer> Read,
    Func<IntakeAnswers, SectionAnswer, IntakeAnswers> Write)
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

    /// <summary>The responder's question whether the person agreed to notes being kept.</summary>
    public const string ConsentId = "consent";

    /// <summary>The question and title used instead of <see cref="Prompt"/> and <see cref="Title"/>
    /// when the person saw it happen to someone else.</summary>
    public (TextKey Prompt, TextKey Title)? ForBystander { get; init; }

    /// <summary>The evidence step: its items live in the case's evidence list, not in the answers.</summary>
    public static IntakeSection EvidenceStep(TextKey prompt)
        => new("evidence", TextKey.TitleEvidence, prompt, SectionInput.Evidence, true, [], _ => SectionAnswer.None, (a, _) => a);

    /// <summary>The answers with <paramref name="said"/> added after what was already typed here (the
    /// account's messages, a responder's notes).</summary>
    public IntakeAnswers WithTextAdded(IntakeAnswers answers, string said)
        => Write(answers, new SectionAnswer(null, [.. Read(answers).Texts, said]));

    /// <summary>The answer as shown today: a choice in the catalog's current words (with what was
    /// typed beside it), else what was typed.</summary>
    public IReadOnlyList<string> Shown(IntakeAnswers answers, TextCatalog text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var answer = Read(answers);
        if (Choices.FirstOrDefault(c => string.Equals(c.Id, answer.Choice, StringComparison.Ordinal)) is not { } choice)
        {
            return answer.Texts;
        }

        return answer.Texts.Count == 0
            ? [text[choice.Title]]
            : [text.Format(TextKey.AnswerWithText, text[choice.Title], answer.Texts[0]), .. answer.Texts.Skip(1)];
    }

    /// <summary>The account in the person's own words: any number of messages.</summary>
    public static IntakeSection Account(string id, TextKey title, TextKey prompt)
        => new(id, title, prompt, SectionInput.Account, false, [],
            a => new SectionAnswer(null, a.WhatHappened), (a, v) => a with { WhatHappened = [.. v.Texts] });

    /// <summary>A section whose answer is one message of free text (or none, when skipped).</summary>
    public static IntakeSection Single(
        string id,
        TextKey title,
        TextKey prompt,
        bool optional,
        Func<IntakeAnswers, string?> read,
        Func<IntakeAnswers, string?, IntakeAnswers> write)
        => new(id, title, prompt, SectionInput.Text, optional, [],
            a => read(a) is { } value ? new SectionAnswer(null, [value]) : SectionAnswer.None,
            (a, v) => write(a, v.Texts.Count == 0 ? null : v.Texts[0]));

    /// <summary>A section whose answer is one of the choices of <typeparamref name="TEnum"/>, kept by
    /// meaning, and, where <paramref name="input"/> is <see cref="SectionInput.Text"/>, the person's
    /// own words instead (or beside it, such as an address).</summary>
    public static IntakeSection Chosen<TEnum>(
        string id,
        TextKey title,
        TextKey prompt,
        SectionInput input,
        bool optional,
        Func<IntakeAnswers, (TEnum? Choice, string? Text)> read,
        Func<IntakeAnswers, TEnum?, string?, IntakeAnswers> write)
        where TEnum : struct, Enum
        => new(id, title, prompt, input, optional, ChoiceTitles.Of<TEnum>(),
            a => read(a) is var (choice, typed) ? new SectionAnswer(choice?.ToStoredNameOrUnknown(), typed is null ? [] : [typed]) : SectionAnswer.None,
            (a, v) => write(a, StoredNames.TryParse<TEnum>(v.Choice, out var meant) ? meant : null, v.Texts.Count == 0 ? null : v.Texts[0]));
}
