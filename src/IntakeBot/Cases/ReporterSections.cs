using IntakeBot.Cases.Answers;
using IntakeBot.Text;
using static IntakeBot.Cases.IntakeSection;

namespace IntakeBot.Cases;

/// <summary>The questions of the reporter's intake, in the order they are asked.</summary>
public static class ReporterSections
{
    public static IntakeSection Setting { get; } = Chosen<SettingAnswer>("setting", TextKey.TitleSetting, TextKey.AskSetting, SectionInput.Text, false,
        a => (a.SettingChoice, a.Setting), (a, c, v) => a with { SettingChoice = c, Setting = v });

    public static IntakeSection Place { get; } = Single("place", TextKey.TitlePlace, TextKey.AskPlace, true,
        a => a.Place, (a, v) => a with { Place = v });

    public static readonly IReadOnlyList<IntakeSection> All =
    [
        Account("what-happened", TextKey.TitleWhatHappened, TextKey.AskWhatHappened),
        Single("follow-up", TextKey.TitleFollowUp, TextKey.AskOpenFollowUp, true,
            a => a.FollowUp, (a, v) => a with { FollowUp = v }),
        Chosen<RoleAnswer>(RoleId, TextKey.TitleRole, TextKey.AskRole, SectionInput.Choice, false,
            a => (a.Role, null), (a, c, _) => a with { Role = c }),
        Chosen<WhenAnswer>(WhenId, TextKey.TitleWhen, TextKey.AskWhen, SectionInput.Text, false,
            a => (a.WhenChoice, a.When), (a, c, v) => a with { WhenChoice = c, When = v }),
        Chosen<YesNoAnswer>(StillHappeningId, TextKey.TitleStillHappening, TextKey.AskStillHappening, SectionInput.Choice, false,
            a => (a.StillHappening, null), (a, c, _) => a with { StillHappening = c }),
        SafeNow(TextKey.AskSafeNow),
        Setting,
        Place,
        Single("who", TextKey.TitleWho, TextKey.AskWho, true,
            a => a.WhoWasInvolved, (a, v) => a with { WhoWasInvolved = v }),
        Single("witnesses", TextKey.TitleWitnesses, TextKey.AskWitnesses, true,
            a => a.Witnesses, (a, v) => a with { Witnesses = v }),
        Single("impact", TextKey.TitleImpact, TextKey.AskImpact, true,
            a => a.Impact, (a, v) => a with { Impact = v }) with { ForBystander = (TextKey.AskImpactWitness, TextKey.TitleImpactWitness) },
        EvidenceStep(TextKey.AskEvidence),
        Single("anything-else", TextKey.TitleAnythingElse, TextKey.AskAnythingElse, true,
            a => a.AnythingElse, (a, v) => a with { AnythingElse = v }),
        Chosen<ContactAnswer>(ContactId, TextKey.TitleContact, TextKey.AskContact, SectionInput.Text, false,
            a => (a.ContactChoice, a.Contact), (a, c, v) => a with { ContactChoice = c, Contact = v }),
        Single(SafeTimesId, TextKey.TitleSafeTimes, TextKey.AskSafeTimes, true,
            a => a.SafeTimes, (a, v) => a with { SafeTimes = v }),
    ];

    /// <summary>What a follow-on report asks (what happened, when, evidence, anything else), in the same
    /// order: the closed case it follows on holds the rest. Its case file and the owner's card list these.</summary>
    public static readonly IReadOnlyList<IntakeSection> FollowOn =
        [.. All.Where(s => s.Id is "what-happened" or WhenId or "evidence" or "anything-else")];

    /// <summary>The section ids in the order a draft saved before its cursor named the section counted
    /// them: such a draft's position reads as the id, so that a question added since moves no one.</summary>
    public static readonly IReadOnlyList<string> SavedPositions =
        ["what-happened", "follow-up", RoleId, WhenId, StillHappeningId, SafeNowId, "setting", "place", "who", "witnesses", "impact", "evidence", "anything-else", ContactId, SafeTimesId];

    /// <summary>The safety question, asked apart from whether it is still going on.</summary>
    public static IntakeSection SafeNow(TextKey prompt)
        => Chosen<YesNoAnswer>(SafeNowId, TextKey.TitleSafeNow, prompt, SectionInput.Choice, false,
            a => (a.SafeNow, null), (a, c, _) => a with { SafeNow = c });
}
