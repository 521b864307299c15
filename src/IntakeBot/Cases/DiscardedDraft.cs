namespace IntakeBot.Cases;

/// <summary>Marks a turn that discarded a draft: after its commit, the blobs written under the draft's
/// reference and earlier versions of the state blob are deleted.</summary>
public sealed record DiscardedDraft(string? Reference);
