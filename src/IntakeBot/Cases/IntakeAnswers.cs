using System.Runtime.Serialization;
using IntakeBot.Cases.Answers;
using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>What the person answered, section by section. A choice is kept as what it means (an enum
/// stored by name), never as its wording, so that rewording or translating the catalog changes no
/// stored meaning; what the person typed is kept as typed beside it. Null means not answered or
/// skipped. Records and drafts written when choices were kept as their wording read once into the
/// meaning (<see cref="LegacyTextAttribute"/>).</summary>
public sealed record IntakeAnswers : System.Text.Json.Serialization.IJsonOnDeserialized
{
    private const string LegacyEmailPrefix = "Email:";

    /// <summary>For a report taken by a responder: who is reporting, as the responder entered it.</summary>
    public string? ReportedBy { get; set; }

    public ReportedByAnswer? ReportedByChoice { get; set; }

    /// <summary>For a report taken by a responder: whether the person agreed after being told who
    /// will see the notes, as the responder recorded it.</summary>
    public ConsentAnswer? Consent { get; set; }

    public List<string> WhatHappened { get; set; } = [];

    /// <summary>The answer to the one open prompt after the account.</summary>
    public string? FollowUp { get; set; }

    /// <summary>Whether it happened to the person reporting or they saw it happen to someone else.</summary>
    public RoleAnswer? Role { get; set; }

    public string? When { get; set; }

    public WhenAnswer? WhenChoice { get; set; }

    public YesNoAnswer? StillHappening { get; set; }

    public YesNoAnswer? SafeNow { get; set; }

    public string? Setting { get; set; }

    public SettingAnswer? SettingChoice { get; set; }

    public string? Place { get; set; }

    public string? WhoWasInvolved { get; set; }

    public string? Witnesses { get; set; }

    public string? Impact { get; set; }

    public string? AnythingElse { get; set; }

    /// <summary>The contact wish in the person's own words, or the address after <see cref="ContactAnswer.Email"/>.</summary>
    public string? Contact { get; set; }

    public ContactAnswer? ContactChoice { get; set; }

    /// <summary>Safe times or ways to be contacted, or anything to avoid.</summary>
    public string? SafeTimes { get; set; }

    /// <summary>For a report taken by a responder: the reporter's questions and wishes.</summary>
    public string? QuestionsAndWishes { get; set; }

    /// <summary>The person asked not to be contacted: no safe-times question, a banner on the owner's
    /// card, and an owner's message needs <c>confirm</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public bool NoContact => ContactChoice == ContactAnswer.NoContact;

    /// <summary>The person saw it happen to someone else.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public bool Bystander => Role == RoleAnswer.SawIt;

    /// <summary>Anything but "yes" to "are you safe right now?".</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public bool NotSafeNow => SafeNow is YesNoAnswer.No or YesNoAnswer.NotSure;

    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized() => ReadLegacyChoices();

    [OnDeserialized]
    internal void OnNewtonsoftDeserialized(StreamingContext context) => ReadLegacyChoices();

    /// <summary>An answer with suggestions that was kept as the suggestion's wording becomes its meaning,
    /// once; anything else typed stays as typed.</summary>
    private void ReadLegacyChoices()
    {
        (ReportedByChoice, ReportedBy) = Legacy(ReportedByChoice, ReportedBy);
        (WhenChoice, When) = Legacy(WhenChoice, When);
        (SettingChoice, Setting) = Legacy(SettingChoice, Setting);
        if (ContactChoice is null && Contact is { } contact && contact.StartsWith(LegacyEmailPrefix, StringComparison.Ordinal))
        {
            (ContactChoice, Contact) = (ContactAnswer.Email, contact[LegacyEmailPrefix.Length..].Trim());
        }

        (ContactChoice, Contact) = Legacy(ContactChoice, Contact);
    }

    private static (TEnum? Choice, string? Text) Legacy<TEnum>(TEnum? choice, string? text)
        where TEnum : struct, Enum
        => choice is null && StoredNames.TryParseLegacy<TEnum>(text, out var meant) ? (meant, null) : (choice, text);
}
