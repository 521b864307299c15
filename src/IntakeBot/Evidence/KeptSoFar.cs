using IntakeBot.Cases;

namespace IntakeBot.Evidence;

/// <summary>A case's evidence so far, and whether its handlers must not learn who reported it.</summary>
public sealed record KeptSoFar(IReadOnlyList<EvidenceItem> Items, bool Confidential);
