using IntakeBot.Text;
using static IntakeBot.Cases.IntakeSection;

namespace IntakeBot.Cases;

/// <summary>The questions a responder is guided through while someone tells them what happened.</summary>
public static class ResponderSections
{
    public static readonly IReadOnlyList<IntakeSection> All =
    [
        Single("reported-by", TextKey.TitleReportedBy, TextKey.AskReportedBy, SectionInput.Text, false, [TextKey.ChoicePrefersNotToSay],
            a => a.ReportedBy, (a, v) => a with { ReportedBy = v }),
        Single("consent", TextKey.TitleConsent, TextKey.TellWhoSeesNotes, SectionInput.Choice, false, [TextKey.ChoiceAgreed, TextKey.ChoiceNotAgreed],
            a => a.Consent, (a, v) => a with { Consent = v }),
        new("notes", TextKey.TitleNotes, TextKey.AskNotes, SectionInput.Account, false, [],
            a => a.WhatHappened, (a, v) => a with { WhatHappened = [.. v] }),
        Single("when", TextKey.TitleWhen, TextKey.AskWhenResponder, SectionInput.Text, false, [],
            a => a.When, (a, v) => a with { When = v }),
        ReporterSections.SafeNow(TextKey.AskSafeNowResponder),
        ReporterSections.Setting,
        ReporterSections.Place,
        Single("who", TextKey.TitleWho, TextKey.AskWhoResponder, SectionInput.Text, true, [],
            a => a.WhoWasInvolved, (a, v) => a with { WhoWasInvolved = v }),
        Single("witnesses", TextKey.TitleWitnesses, TextKey.AskWitnessesResponder, SectionInput.Text, true, [],
            a => a.Witnesses, (a, v) => a with { Witnesses = v }),
        Single("feelings", TextKey.TitleFeelingsAndContext, TextKey.AskFeelingsAndContext, SectionInput.Text, true, [],
            a => a.Impact, (a, v) => a with { Impact = v }),
        EvidenceStep(TextKey.AskEvidenceResponder),
        Single("questions-and-wishes", TextKey.TitleQuestionsAndWishes, TextKey.AskQuestionsAndWishes, SectionInput.Text, true, [],
            a => a.QuestionsAndWishes, (a, v) => a with { QuestionsAndWishes = v }),
    ];
}
