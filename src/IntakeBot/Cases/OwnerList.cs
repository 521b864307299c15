namespace IntakeBot.Cases;

/// <summary>An owner's list as stored: the cases in reference order, and when it was last rebuilt from
/// the index and the cases (null: never, so the next read rebuilds it).</summary>
internal sealed record OwnerList(DateTimeOffset? CheckedAt, List<OwnedCase> Cases);
