using IntakeBot.Cases;

namespace IntakeBot.Retention;

/// <summary>One sweep: under the lease, every case past its retention and every abandoned draft is
/// deleted completely. Each case is checked again against its own record before it goes: the tags
/// only say where to look, and a held case is never deleted.</summary>
public sealed class RetentionSweep(
    SweepLease lease,
    IExpiringCases expiring,
    ICaseStore cases,
    CasePurger casePurger,
    DraftPurge draftPurge,
    RetentionPeriods periods,
    TimeProvider time)
{
    public async Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        int deleted = 0, drafts = 0, held = 0;
        var ran = await lease.RunAsync(async sweeping =>
        {
            var now = time.GetUtcNow();
            var due = new List<string>();
            await foreach (var reference in expiring.FindExpiredAsync(now, sweeping).ConfigureAwait(false))
            {
                due.Add(reference);
            }

            foreach (var reference in due)
            {
                sweeping.ThrowIfCancellationRequested();
                // case.json alone: deciding needs the case's facts, never what anyone wrote in it.
                if (await cases.GetSummaryAsync(reference, sweeping).ConfigureAwait(false) is not { } summary)
                {
                    continue;
                }

                if (summary.IsHeld)
                {
                    held++;
                    continue;
                }

                // A purge stopped half-way left case.json, still tagged and still expired: it is
                // finished here with the plan it stored. The purge checks the expiry again on the case as
                // it plans, since the case may be reopened or held between this read and that one.
                if (CaseExpiry.IsExpired(summary, periods.ClosedCase, now)
                    && await casePurger.PurgeAsync(reference, DeletedBy.Sweeper, s => CaseExpiry.IsExpired(s, periods.ClosedCase, now), sweeping).ConfigureAwait(false) == PurgeOutcome.Deleted)
                {
                    deleted++;
                }
            }

            var abandoned = new List<string>();
            await foreach (var state in expiring.FindAbandonedDraftsAsync(now, sweeping).ConfigureAwait(false))
            {
                abandoned.Add(state);
            }

            foreach (var state in abandoned)
            {
                if (await draftPurge.PurgeAbandonedAsync(state, now, sweeping).ConfigureAwait(false))
                {
                    drafts++;
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        return new SweepResult(ran, deleted, drafts, held);
    }
}
