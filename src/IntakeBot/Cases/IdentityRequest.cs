namespace IntakeBot.Cases;

/// <summary>An owner's written request to see who reported a confidential case: who asked (object id
/// <paramref name="By"/>, roster entry <paramref name="Requester"/>, who alone may be shown the
/// identity), why, and a custodian's decision once there is one. The activity id of the message it came
/// in makes writing it again change nothing.</summary>
public sealed record IdentityRequest(DateTimeOffset At, string By, string Requester, string Reason, string? ActivityId = null, IdentityDecision? Decision = null);
