using IntakeBot.Cases;

namespace IntakeBot.Workspace;

/// <summary>Everything the owner may read of a case: the answers in full under their questions, additions,
/// the thread, notes, evidence (names, sizes, hashes), who can read the case file, its history and audit;
/// the fixed words in <paramref name="Language"/>, the reader's. <paramref name="HasReporter"/> says whether
/// there is anyone in Teams to write to; <paramref name="Version"/> (<see cref="CaseVersion"/>) goes back with
/// an action, so that one decided on an older read is refused. The page shows every string of it as text.</summary>
public sealed record CaseDetail(
    CaseListItem Facts,
    string? Summary,
    string Language,
    bool HasReporter,
    IReadOnlyList<AnswerSection> Answers,
    IReadOnlyList<Addition> Additions,
    IReadOnlyList<CaseMessage> Messages,
    IReadOnlyList<CaseNote> Notes,
    IReadOnlyList<EvidenceLine> Evidence,
    IReadOnlyList<ReaderLine> Access,
    IReadOnlyList<StatusChange> StatusHistory,
    IReadOnlyList<AuditEntry> Audit,
    string Version);
