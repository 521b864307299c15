using IntakeBot.Cases;
using Microsoft.Extensions.Options;

namespace IntakeBot.Retention;

/// <summary><c>hold IR-…</c> and <c>release IR-…</c>: the case's owner, or one of
/// <c>Retention:HoldRoles</c>, stops and restarts its expiry. A hold records the capacity it was put on in
/// (<see cref="HoldCapacity"/>): one put on by a hold role is released only by a hold role, so an owner
/// cannot lift a legal hold and let the case be deleted. Both are written to the case's audit log with
/// that capacity. Anyone else learns nothing: they get <see cref="HoldOutcome.NotFound"/>, as for no such case.</summary>
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
            || IsHoldRole(callerObjectId);
    }

    private bool IsHoldRole(string callerObjectId) => options.Value.HoldRoles.Contains(callerObjectId, StringComparer.OrdinalIgnoreCase);

    private async Task<HoldOutcome> ChangeAsync(string reference, string callerObjectId, string? callerUpn, bool hold, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsValid(reference)
            || await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { } current
            || !MayHold(current, callerObjectId, callerUpn))
        {
            return HoldOutcome.NotFound;
        }

        var now = time.GetUtcNow();
        var capacity = IsHoldRole(callerObjectId) ? HoldCapacity.HoldRole : HoldCapacity.Owner;
        var outcome = HoldOutcome.NotFound;
        await cases.UpdateAsync(reference, record =>
        {
            (outcome, var changed) = (hold, record.Hold) switch
            {
                (true, null) => (HoldOutcome.Held, record with { Hold = new CaseHold(callerObjectId, now, capacity), UpdatedAt = now }),

                // A hold role taking over the owner's hold makes it one the owner can no longer release.
                (true, { Capacity: not HoldCapacity.HoldRole }) when capacity == HoldCapacity.HoldRole
                    => (HoldOutcome.Held, record with { Hold = new CaseHold(callerObjectId, now, capacity), UpdatedAt = now }),
                (true, _) => (HoldOutcome.AlreadyHeld, record),
                (false, null) => (HoldOutcome.NotHeld, record),
                (false, { Capacity: HoldCapacity.HoldRole }) when capacity != HoldCapacity.HoldRole => (HoldOutcome.HeldByHoldRole, record),
                (false, _) => (HoldOutcome.Released, record with { Hold = null, UpdatedAt = now }),
            };
            return changed;
        }, cancellationToken).ConfigureAwait(false);

        if (outcome is HoldOutcome.Held or HoldOutcome.Released or HoldOutcome.HeldByHoldRole)
        {
            var result = outcome == HoldOutcome.HeldByHoldRole ? AuditResult.Refused : AuditResult.Done;
            await cases.AppendAuditAsync(reference, new AuditEntry(now, callerObjectId, hold ? AuditAction.Hold : AuditAction.Release, null, result, capacity), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
