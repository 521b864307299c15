using IntakeBot.Text;
using static IntakeBot.Cases.IntakeSection;

namespace IntakeBot.Cases;

/// <summary>The questions of the reporter's intake, in the order they are asked.</summary>
public static class ReporterSections
{
    public static IntakeSection Setting { get; } = Single("setting", TextKey.TitleSetting, TextKey.AskSetting, SectionInput.Text, false,
        [TextKey.ChoiceInPerson, TextKey.ChoiceOnline, TextKey.ChoiceBoth],
        a => a.Setting, (a, v) => a with { Setting = v });

    public static IntakeSection Place { get; } = Single("place", TextKey.TitlePlace, TextKey.AskPlace, SectionInput.Text, true, [],
        a => a.Place, (a, v) => a with { Place = v });

    public static readonly IReadOnlyList<IntakeSection> All =
    [
        new("what-happened", TextKey.TitleWhatHappened, TextKey.AskWhatHappened, SectionInput.Account, false, [],
            a => a.WhatHappened, (a, v) => a with { WhatHappened = [.. v] }),
        Single("follow-up", TextKey.TitleFollowUp, TextKey.AskOpenFollowUp, SectionInput.Text, true, [],
            a => a.FollowUp, (a, v) => a with { FollowUp = v }),
        Single(RoleId, TextKey.TitleRole, TextKey.AskRole, SectionInput.Choice, false,
            [TextKey.ChoiceHappenedToMe, TextKey.ChoiceSawIt],
            a => a.Role, (a, v) => a with { Role = v }),
        Single(WhenId, TextKey.TitleWhen, TextKey.AskWhen, SectionInput.Text, false, [TextKey.ChoiceDontKnow],
            a => a.When, (a, v) => a with { When = v }),
        Single(StillHappeningId, TextKey.TitleStillHappening, TextKey.AskStillHappening, SectionInput.Choice, false,
            [TextKey.ChoiceYes, TextKey.ChoiceNo, TextKey.ChoiceNotSure],
            a => a.StillHappening, (a, v) => a with { StillHappening = v }),
        SafeNow(TextKey.AskSafeNow),
        Setting,
        Place,
        Single("who", TextKey.TitleWho, TextKey.AskWho, SectionInput.Text, true, [],
            a => a.WhoWasInvolved, (a, v) => a with { WhoWasInvolved = v }),
        Single("witnesses", TextKey.TitleWitnesses, TextKey.AskWitnesses, SectionInput.Text, true, [],
            a => a.Witnesses, (a, v) => a with { Witnesses = v }),
        Single("impact", TextKey.TitleImpact, TextKey.AskImpact, SectionInput.Text, true, [],
            a => a.Impact, (a, v) => a with { Impact = v }) with { ForBystander = (TextKey.AskImpactWitness, TextKey.TitleImpactWitness) },
        EvidenceStep(TextKey.AskEvidence),
        Single("anything-else", TextKey.TitleAnythingElse, TextKey.AskAnythingElse, SectionInput.Text, true, [],
            a => a.AnythingElse, (a, v) => a with { AnythingElse = v }),
        Single(ContactId, TextKey.TitleContact, TextKey.AskContact, SectionInput.Text, false,
            [TextKey.ChoiceContactTeams, TextKey.ChoiceContactEmail, TextKey.ChoiceNoContact],
            a => a.Contact, (a, v) => a with { Contact = v }),
        Single(SafeTimesId, TextKey.TitleSafeTimes, TextKey.AskSafeTimes, SectionInput.Text, true, [],
            a => a.SafeTimes, (a, v) => a with { SafeTimes = v }),
    ];

    /// <summary>The safety question, asked apart from whether it is still going on.</summary>
    public static IntakeSection SafeNow(TextKey prompt)
        => Single(SafeNowId, TextKey.TitleSafeNow, prompt, SectionInput.Choice, false,
            [TextKey.ChoiceYes, TextKey.ChoiceNo, TextKey.ChoiceNotSure],
            a => a.SafeNow, (a, v) => a with { SafeNow = v });
}
