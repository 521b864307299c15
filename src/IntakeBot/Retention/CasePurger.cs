using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Storage;

namespace IntakeBot.Retention;

/// <summary>Deletes one case completely and proves it with one tombstone: the shared folder in the drive
/// (permissions first), every blob of the case with snapshots and versions, the conversation state
/// whose draft pointed at it, and last <c>case.json</c>. A held case is never deleted.
///
/// Resumable: before anything is deleted, the tombstone to be written is stored in <c>case.json</c>'s
/// metadata, and <c>case.json</c> (which carries the index tags the sweeper finds it by) goes last; a
/// purge stopped anywhere is found again and finished with the same tombstone, written once. Then the case
/// leaves its owner's list (<see cref="OwnerLists"/>), which keeps nothing of it either.</summary>
public sealed class CasePurger(BlobContainers containers, ICaseStore cases, ICaseFolders folders, Tombstones tombstones, TimeProvider time, ILogger<CasePurger> logger, CaseIndexKey? indexKey = null)
{
    /// <summary>The kind written in a tombstone for a draft that never became a case.</summary>
    public const string CaseKindDraft = "draft";

    internal const string PlanKey = "purgeplan";
    private const string CaseFile = "case.json";

    /// <summary>Deletes the case. <paramref name="by"/> is one of <see cref="DeletedBy"/>.</summary>
    public Task<PurgeOutcome> PurgeAsync(string reference, string by, CancellationToken cancellationToken)
        => PurgeAsync(reference, by, null, cancellationToken);

    /// <summary>Deletes the case only if <paramref name="stillDue"/> holds for it as stored when the purge
    /// is planned: a caller's own earlier look (the sweep's "expired") may be out of date by then, and the
    /// plan is written only if the case has not changed since this check.</summary>
    public async Task<PurgeOutcome> PurgeAsync(string reference, string by, Func<CaseSummary, bool>? stillDue, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsValid(reference))
        {
            return PurgeOutcome.NotFound;
        }

        var caseBlob = containers.Cases.GetBlobClient($"{reference}/{CaseFile}");
        BlobProperties properties;
        try
        {
            properties = (await caseBlob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return await PurgeWithoutRecordAsync(reference, by, cancellationToken).ConfigureAwait(false);
        }

        // The facts in case.json are all a purge needs; its long texts are deleted unread.
        var facts = await cases.GetSummaryAsync(reference, cancellationToken).ConfigureAwait(false);
        if (facts is null)
        {
            return PurgeOutcome.NotFound;
        }

        if (facts.IsHeld)
        {
            return PurgeOutcome.Held;
        }

        if (stillDue?.Invoke(facts) == false)
        {
            return PurgeOutcome.Changed;
        }

        var plan = properties.Metadata.TryGetValue(PlanKey, out var stored) ? Decode(stored) : null;
        if (plan is null)
        {
            plan = await PlanAsync(reference, facts, by, cancellationToken).ConfigureAwait(false);
            var metadata = new Dictionary<string, string>(properties.Metadata) { [PlanKey] = Encode(plan) };
            try
            {
                await caseBlob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed since it was read (put on hold, say): decide again next time.
                return PurgeOutcome.Changed;
            }
        }

        if (facts.SharedFolderId is { } folderId)
        {
            await folders.RemoveAsync(folderId, cancellationToken).ConfigureAwait(false);
        }

        await BlobPurge.DeletePrefixAsync(containers.Cases, $"{reference}/", name => name == caseBlob.Name, cancellationToken).ConfigureAwait(false);
        await PurgeDraftStatesAsync(reference, cancellationToken).ConfigureAwait(false);
        await tombstones.AppendAsync(plan, cancellationToken).ConfigureAwait(false);
        await BlobPurge.DeleteBlobAsync(containers.Cases, caseBlob.Name, null, cancellationToken).ConfigureAwait(false);
        await new OwnerLists(containers.Cases, indexKey ?? CaseIndexKey.Development, time).SyncAsync(facts.Owner, reference, _ => Task.FromResult<CaseRecord?>(null), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Case {Reference} deleted ({By}): {Blobs} blobs, {Evidence} evidence items.", reference, by, plan.Blobs, plan.Evidence);
        return PurgeOutcome.Deleted;
    }

    /// <summary>Blobs written for a draft before it became a case (evidence uploads) have no
    /// <c>case.json</c>; they go the same way.</summary>
    private async Task<PurgeOutcome> PurgeWithoutRecordAsync(string reference, string by, CancellationToken cancellationToken)
    {
        var removed = await BlobPurge.DeletePrefixAsync(containers.Cases, $"{reference}/", null, cancellationToken).ConfigureAwait(false);
        await PurgeDraftStatesAsync(reference, cancellationToken).ConfigureAwait(false);
        if (removed.Blobs == 0 && by == DeletedBy.Sweeper)
        {
            return PurgeOutcome.NotFound;
        }

        var now = time.GetUtcNow();
        await tombstones.AppendAsync(new Tombstone(Guid.NewGuid().ToString("N"), reference, CaseKindDraft, null, null, now, by, removed.Blobs, removed.Versions, 0, false, null), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Draft {Reference} deleted ({By}): {Blobs} blobs.", reference, by, removed.Blobs);
        return PurgeOutcome.Deleted;
    }

    private async Task<Tombstone> PlanAsync(string reference, CaseSummary facts, string by, CancellationToken cancellationToken)
    {
        var blobs = 0;
        await foreach (var _ in containers.Cases.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{reference}/" }, cancellationToken).ConfigureAwait(false))
        {
            blobs++;
        }

        return new Tombstone(
            Guid.NewGuid().ToString("N"),
            reference,
            facts.Kind.ToStoredNameOrUnknown(),
            facts.CreatedAt,
            facts.ClosedAt,
            time.GetUtcNow(),
            by,
            blobs,
            0,
            facts.EvidenceCount,
            facts.SharedFolderId is not null,
            tombstones.OwnerHash(facts.Owner));
    }

    /// <summary>A conversation whose draft is this case keeps nothing of it either.</summary>
    private async Task PurgeDraftStatesAsync(string reference, CancellationToken cancellationToken)
    {
        var query = $"\"{RetentionTags.DraftReference}\" = '{reference}'";
        await foreach (var state in containers.State.FindBlobsByTagsAsync(query, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                // The tag index can lag behind a turn that just cleared the draft: the delete checks
                // the blob's own tags as it happens.
                await BlobPurge.DeleteBlobAsync(containers.State, state.BlobName, new BlobRequestConditions { TagConditions = query }, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // That conversation no longer holds this draft.
            }
        }
    }

    private static string Encode(Tombstone plan) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(plan, BlobCaseStore.Json)));

    private static Tombstone? Decode(string stored)
    {
        try
        {
            return JsonSerializer.Deserialize<Tombstone>(Convert.FromBase64String(stored), BlobCaseStore.Json);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
