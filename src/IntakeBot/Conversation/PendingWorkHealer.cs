using IntakeBot.Cases;
using IntakeBot.Storage;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>The background pass that finishes what a turn committed but did not write to the cases
/// (its process stopped, or storage failed, right after the commit) when no later turn of that
/// conversation does: a reporter who submits and never writes again, an owner whose acknowledge or
/// transfer was not written. Every <see cref="HealingOptions.ScanIntervalMilliseconds"/> it asks the
/// state container's tag index for states tagged <see cref="CommittedWork.SinceTag"/> before the grace
/// period (never listing every state), and, holding the healing lease (one process at a time, and no
/// turn heals meanwhile), applies each as the next turn would (<see cref="PendingWork"/>) and takes it
/// out of the state with an ETag-guarded write. A turn that commits in between wins that write: the
/// work stays in its state, applied already, and the turn or the next pass takes it out. The same pass
/// drops references of cases submitted a moment ago (<see cref="ConversationProfile.RecentSubmissions"/>)
/// from a state left alone once their time is up.</summary>
public sealed class PendingWorkHealer(BlobStateStorage states, PendingWork work, TimeProvider clock, IOptions<HealingOptions> options, ILogger<PendingWorkHealer> logger) : BackgroundService
{
    private TimeSpan Grace => TimeSpan.FromMilliseconds(options.Value.GraceMilliseconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ScanIntervalMilliseconds), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("The pass for committed work failed ({ExceptionType}); it runs again at its next interval.", e.GetType().FullName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass: the number of states whose work it wrote, or null when another healer held
    /// the lease. The lease is taken only when the index names a state to heal, so that a pass with
    /// nothing to do never keeps a turn from healing its own conversation.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var found = new List<string>();
        await foreach (var name in states.FindAsync(RetentionTags.Before(CommittedWork.SinceTag, clock.GetUtcNow() - Grace), cancellationToken).ConfigureAwait(false))
        {
            found.Add(name);
        }

        if (found.Count == 0)
        {
            return 0;
        }

        var healed = 0;
        var ran = await work.TryRunPassAsync(
            async held =>
            {
                foreach (var name in found)
                {
                    healed += await HealAsync(name, held).ConfigureAwait(false) ? 1 : 0;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return ran ? healed : null;
    }

    private async Task<bool> HealAsync(string blobName, CancellationToken cancellationToken)
    {
        if (await states.ReadBlobAsync(blobName, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return false;
        }

        // The index lags behind writes, and a conversation in use heals itself: only work (and a
        // state) left alone for the whole grace period is written here.
        var now = clock.GetUtcNow();
        var before = now - Grace;
        var pending = CommittedWork.Of(stored.State);
        var due = !pending.IsEmpty && pending.Since <= before;

        // References of cases submitted a moment ago go when their time is up, with any work or alone.
        var forgot = ConversationProfile.ForgetExpired(stored.State, now);
        if (!(due || forgot) || stored.LastModified > before)
        {
            return false;
        }

        if (due)
        {
            try
            {
                await work.ApplyAsync(pending, activityId: null, [], sender: null, cancellationToken).ConfigureAwait(false);
                if (pending.Discard is { } discarded)
                {
                    await work.DiscardAsync(blobName, discarded, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Committed work ({Cases} case, {Changes} changes) could not be written yet ({ExceptionType}); the next pass tries again.",
                    pending.Case is null ? 0 : 1, pending.Changes.Count, e.GetType().FullName);
                return false;
            }

            stored.State.Remove(CommittedWork.CaseProperty);
            stored.State.Remove(CommittedWork.ChangesProperty);
            stored.State.Remove(CommittedWork.DiscardProperty);
        }

        try
        {
            await states.WriteBlobAsync(blobName, stored.State, cancellationToken).ConfigureAwait(false);
        }
        catch (StateConflictException)
        {
            // A turn committed since: the work is written, and that turn or the next pass takes it out.
            if (due)
            {
                logger.LogInformation("Committed work was written; a turn committed since, so it stays in the state until the next pass.");
            }

            return due;
        }

        if (!due)
        {
            return false;
        }

        // Said as soon as the state no longer holds the work: what follows may fail, and it must not
        // leave a written case unaccounted for in the logs.
        if (pending.Case is { } submitted)
        {
            logger.LogInformation("Case {CaseReference}, committed by a turn that did not write it, was written by the background pass.", submitted.Record.Reference);
        }

        if (pending.Discard is not null)
        {
            logger.LogInformation("A discarded draft, committed by a turn that did not delete its blobs, was deleted by the background pass.");
        }

        foreach (var change in pending.Changes)
        {
            logger.LogInformation("A change to case {CaseReference}, committed by a turn that did not write it, was written by the background pass.", change.Reference);
        }

        if (pending.Case is not null)
        {
            await work.ForgetDraftHistoryAsync(blobName, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
