using IntakeBot.Cases;

namespace IntakeBot.Workspace;

/// <summary>Everything the owner may read of a case: the answers in full, additions, the thread, notes,
/// evidence (names, sizes, hashes), who can read the case file, its history and audit. The page shows
/// every string of it as text.</summary>
public sealed record CaseDetail(
    CaseListItem Facts,
    IntakeAnswers Answers,
    IReadOnlyList<Addition> Additions,
    IReadOnlyList<CaseMessage> Messages,
    IReadOnlyList<CaseNote> Notes,
    IReadOnlyList<EvidenceLine> Evidence,
    IReadOnlyList<ReaderLine> Access,
    IReadOnlyList<StatusChange> StatusHistory,
    IReadOnlyList<AuditEntry> Audit);
