using IntakeBot.Cases.Answers;
using IntakeBot.Text;
using static IntakeBot.Cases.IntakeSection;

namespace IntakeBot.Cases;

/// <summary>The questions a responder is guided through while someone tells them what happened.</summary>
public static class ResponderSections
{
    public static readonly IReadOnlyList<IntakeSection> All =
    [
        Chosen<ReportedByAnswer>("reported-by", TextKey.TitleReportedBy, TextKey.AskReportedBy, SectionInput.Text, false,
            a => (a.ReportedByChoice, a.ReportedBy), (a, c, v) => a with { ReportedByChoice = c, ReportedBy = v }),
        Chosen<ConsentAnswer>(ConsentId, TextKey.TitleConsent, TextKey.TellWhoSeesNotes, SectionInput.Choice, false,
            a => (a.Consent, null), (a, c, _) => a with { Consent = c }),
        Account("notes", TextKey.TitleNotes, TextKey.AskNotes),
        Single("when", TextKey.TitleWhen, TextKey.AskWhenResponder, false,
            a => a.When, (a, v) => a with { When = v }),
        ReporterSections.SafeNow(TextKey.AskSafeNowResponder),
        ReporterSections.Setting,
        ReporterSections.Place,
        Single("who", TextKey.TitleWho, TextKey.AskWhoResponder, true,
            a => a.WhoWasInvolved, (a, v) => a with { WhoWasInvolved = v }),
        Single("witnesses", TextKey.TitleWitnesses, TextKey.AskWitnessesResponder, true,
            a => a.Witnesses, (a, v) => a with { Witnesses = v }),
        Single("feelings", TextKey.TitleFeelingsAndContext, TextKey.AskFeelingsAndContext, true,
            a => a.Impact, (a, v) => a with { Impact = v }),
        EvidenceStep(TextKey.AskEvidenceResponder),
        Single("questions-and-wishes", TextKey.TitleQuestionsAndWishes, TextKey.AskQuestionsAndWishes, true,
            a => a.QuestionsAndWishes, (a, v) => a with { QuestionsAndWishes = v }),
    ];

    /// <summary>The section ids in the order a draft saved before its cursor named the section counted
    /// them (see <see cref="ReporterSections.SavedPositions"/>).</summary>
    public static readonly IReadOnlyList<string> SavedPositions =
        ["reported-by", "consent", "notes", WhenId, SafeNowId, "setting", "place", "who", "witnesses", "feelings", "evidence", "questions-and-wishes"];
}
