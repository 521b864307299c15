namespace IntakeBot.Cases;

/// <summary>A custodian's answer to an <see cref="IdentityRequest"/>, with its reason. On approval the
/// reporter is told, and the requester is shown the identity from <paramref name="ShowFrom"/>
/// (<c>Identity:NoticeHours</c> later), never before.</summary>
public sealed record IdentityDecision(DateTimeOffset At, string By, bool Approved, string Reason, DateTimeOffset? ShowFrom = null);
