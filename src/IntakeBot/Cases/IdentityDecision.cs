namespace IntakeBot.Cases;

/// <summary>A custodian's answer to an <see cref="IdentityRequest"/>, with its reason. On approval the
/// reporter is told through the outbox, and the notice period runs from that message's delivery, never
/// from the approval: <paramref name="ReporterToldAt"/> is when the outbox recorded it delivered, and
/// <paramref name="ShowFrom"/> (set with it, <c>Identity:NoticeHours</c> later) is when the requester is
/// shown the identity. <paramref name="ReporterUnreachableAt"/> is when the outbox gave that message up:
/// the identity is then never shown on this request.</summary>
public sealed record IdentityDecision(DateTimeOffset At, string By, bool Approved, string Reason, DateTimeOffset? ShowFrom = null, DateTimeOffset? ReporterToldAt = null, DateTimeOffset? ReporterUnreachableAt = null)
{
    /// <summary>Approved, and the reporter's notice neither delivered nor given up yet.</summary>
    public bool AwaitsReporterNotice() => Approved && ReporterToldAt is null && ReporterUnreachableAt is null;

    /// <summary>When the requester may be shown the identity: only once the reporter was told; null before
    /// that, and for ever when the reporter could not be told. A <see cref="ShowFrom"/> without
    /// <see cref="ReporterToldAt"/> (set at approval by an earlier version) does not count.</summary>
    public DateTimeOffset? ShownFrom() => Approved && ReporterToldAt is not null && ReporterUnreachableAt is null ? ShowFrom : null;
}
