using Azure;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Storage;

namespace IntakeBot.Retention;

/// <summary>Deletes drafts: on discard (called right after the turn that cleared the draft has been
/// saved) and when the sweeper finds one untouched for longer than <c>DraftRetention</c>.</summary>
public sealed class DraftPurge(BlobContainers containers, ICaseStore caseStore, CasePurger cases, Tombstones tombstones, TimeProvider time, ILogger<DraftPurge> logger)
{
    /// <summary>After a discard: the blobs written for the draft (under its reference, when it had one)
    /// and every earlier version of the conversation's state blob, which held the draft as it was typed.
    /// The current state, saved without the draft, stays.</summary>
    public async Task DiscardAsync(string stateBlobName, string? reference, CancellationToken cancellationToken)
    {
        var versions = await BlobPurge.DeleteHistoryAsync(containers.State, stateBlobName, cancellationToken).ConfigureAwait(false);
        if (reference is not null && CaseReference.IsValid(reference))
        {
            await cases.PurgeAsync(reference, DeletedBy.ReporterDiscard, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await tombstones.AppendAsync(new Tombstone(Guid.NewGuid().ToString("N"), null, CasePurger.CaseKindDraft, null, null, time.GetUtcNow(), DeletedBy.ReporterDiscard, 0, versions, 0, false, null), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a submit: earlier versions of the state blob still hold the draft's text; the case
    /// now has it.</summary>
    public Task<int> ForgetHistoryAsync(string stateBlobName, CancellationToken cancellationToken)
        => BlobPurge.DeleteHistoryAsync(containers.State, stateBlobName, cancellationToken);

    /// <summary>Deletes an abandoned draft: the blobs written for it, then the whole state blob, if it
    /// still holds a draft that expired by <paramref name="now"/> (checked again by storage as it
    /// deletes, so that a person who came back in the meantime keeps theirs).</summary>
    public async Task<bool> PurgeAbandonedAsync(string stateBlobName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = RetentionTags.Before(RetentionTags.DraftExpiresOn, now);
        IDictionary<string, string> tags;
        try
        {
            tags = (await containers.State.GetBlobClient(stateBlobName).GetTagsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Tags;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }

        if (!tags.TryGetValue(RetentionTags.DraftExpiresOn, out var expiresOn) || string.CompareOrdinal(expiresOn, RetentionTags.Format(now)) >= 0)
        {
            return false;
        }

        var reference = tags.TryGetValue(RetentionTags.DraftReference, out var tagged) && CaseReference.IsValid(tagged) ? tagged : null;
        var outcome = PurgeOutcome.NotFound;
        if (reference is not null && (await caseStore.GetSummaryAsync(reference, cancellationToken).ConfigureAwait(false))?.Status is null or CaseStatus.Draft)
        {
            // Blobs written for the draft go first, so that a sweep stopped here finds the state again;
            // never those of a case that was submitted since. This also deletes the state blob.
            outcome = await cases.PurgeAsync(reference, DeletedBy.Sweeper, s => s.Status == CaseStatus.Draft, cancellationToken).ConfigureAwait(false);
        }

        PurgeCount removed;
        try
        {
            removed = await BlobPurge.DeleteBlobAsync(containers.State, stateBlobName, new BlobRequestConditions { TagConditions = expired }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Touched since it was found: the draft is in use again.
            return false;
        }

        if (outcome != PurgeOutcome.Deleted)
        {
            await tombstones.AppendAsync(new Tombstone(Guid.NewGuid().ToString("N"), reference, CasePurger.CaseKindDraft, null, null, now, DeletedBy.Sweeper, removed.Blobs, removed.Versions, 0, false, null), cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("An abandoned draft was deleted.");
        return true;
    }
}
