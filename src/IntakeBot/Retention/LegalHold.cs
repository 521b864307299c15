using IntakeBot.Cases;
using Microsoft.Extensions.Options;

namespace IntakeBot.Retention;

/// <summary><c>hold IR-…</c> and <c>release IR-…</c>: the case's owner, or one of
/// <c>Retention:HoldRoles</c>, stops and restarts its expiry. Both are written to the case's audit log.
/// Anyone else learns nothing: they get <see cref="HoldOutcome.NotFound"/>, as for no such case.</summary>
public sealed class LegalHold(ICaseStore cases, IOptions<RetentionOptions> options, TimeProvider time)
{
    public Task<HoldOutcome> HoldAsync(string reference, string callerObjectId, string? callerUpn, CancellationToken cancellationToken)
        => ChangeAsync(reference, callerObjectId, callerUpn, hold: true, cancellationToken);

    public Task<HoldOutcome> ReleaseAsync(string reference, string callerObjectId, string? callerUpn, CancellationToken cancellationToken)
        => ChangeAsync(reference, callerObjectId, callerUpn, hold: false, cancellationToken);

    /// <summary>Whether this person may hold and release this case.</summary>
    public bool MayHold(CaseRecord record, string callerObjectId, string? callerUpn)
    {
        ArgumentNullException.ThrowIfNull(record);
        return string.Equals(record.Owner, callerObjectId, StringComparison.OrdinalIgnoreCase)
            || (callerUpn is not null && string.Equals(record.Owner, callerUpn, StringComparison.OrdinalIgnoreCase))
            || options.Value.HoldRoles.Contains(callerObjectId, StringComparer.OrdinalIgnoreCase);
    }

    private async Task<HoldOutcome> ChangeAsync(string reference, string callerObjectId, string? callerUpn, bool hold, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsValid(reference)
            || await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { } current
            || !MayHold(current, callerObjectId, callerUpn))
        {
            return HoldOutcome.NotFound;
        }

        var now = time.GetUtcNow();
        var outcome = HoldOutcome.NotFound;
        await cases.UpdateAsync(reference, record =>
        {
            (outcome, var changed) = (hold, record.Hold) switch
            {
                (true, null) => (HoldOutcome.Held, record with { Hold = new CaseHold(callerObjectId, now), UpdatedAt = now }),
                (true, _) => (HoldOutcome.AlreadyHeld, record),
                (false, null) => (HoldOutcome.NotHeld, record),
                (false, _) => (HoldOutcome.Released, record with { Hold = null, UpdatedAt = now }),
            };
            return changed;
        }, cancellationToken).ConfigureAwait(false);

        if (outcome is HoldOutcome.Held or HoldOutcome.Released)
        {
            await cases.AppendAuditAsync(reference, new AuditEntry(now, callerObjectId, hold ? AuditAction.Hold : AuditAction.Release, null, AuditResult.Done), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
