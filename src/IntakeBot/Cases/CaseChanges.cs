using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Applies a committed <see cref="PendingChange"/> to its case: one conditional write of
/// <c>case.json</c> (none when the case has it already), the audit entries of what that write changed,
/// then the turn's transcript lines. Applying the same change again writes nothing.</summary>
public sealed class CaseChanges(ICaseStore cases, ILogger<CaseChanges> logger)
{
    /// <summary>Applies <paramref name="change"/>, leaving out the replies that never reached the person.
    /// <paramref name="healing"/> is set for a change another turn committed (its process may have
    /// stopped after writing some of it): its transcript lines are appended only when the transcript
    /// does not hold them yet.</summary>
    public async Task ApplyAsync(PendingChange change, IReadOnlyCollection<TranscriptEntry> undelivered, bool healing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(undelivered);
        var audit = new List<AuditEntry>();
        var updated = await cases.UpdateAsync(change.Reference, record =>
        {
            audit.Clear();
            return Applied(record, change, audit);
        }, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            // Deleted since (retention, or a discard): nothing is written to a case that is gone.
            logger.LogWarning("A change to case {CaseReference} was dropped: the case no longer exists.", change.Reference);
            return;
        }

        foreach (var entry in audit)
        {
            await cases.AppendAuditAsync(change.Reference, entry, cancellationToken).ConfigureAwait(false);
        }

        var lines = change.Transcript.Where(e => !undelivered.Contains(e)).ToList();
        if (lines.Count == 0 || (healing && await HasLinesOfAsync(change, cancellationToken).ConfigureAwait(false)))
        {
            return;
        }

        await cases.AppendTranscriptAsync(change.Reference, lines, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The case with the change in it; the same instance when it holds the change already (so
    /// that nothing is written), and <paramref name="audit"/> gets an entry for each part that changed it.</summary>
    internal static CaseRecord Applied(CaseRecord record, PendingChange change, List<AuditEntry> audit)
    {
        var id = change.ActivityId;
        var result = record;
        if (change.Addition is { } addition && !(id is not null && record.Additions.Any(a => a.ActivityId == id)))
        {
            result = result with { Additions = [.. result.Additions, addition], UpdatedAt = change.At };
        }

        if (change.SafetyConcern && !result.SafetyConcern)
        {
            result = result with { SafetyConcern = true, UpdatedAt = change.At };
        }

        foreach (var item in change.Evidence.Where(i => !result.Evidence.Any(e => e.BlobName == i.BlobName && e.Sha256 == i.Sha256)))
        {
            result = result with { Evidence = WithItem(result.Evidence, item), UpdatedAt = change.At };
        }

        if (change.Status is { } status and not CaseStatus.Unknown && CaseLifecycle.Moved(result, status, change.Actor, change.At) is (LifecycleOutcome.Changed, var moved))
        {
            result = moved;
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Status, null, AuditResult.Done, status.ToStoredName()));
        }

        if (change.Note is { } note && !(id is not null && result.Notes.Any(n => n.ActivityId == id)))
        {
            result = result with { UpdatedAt = change.At, Notes = [.. result.Notes, new CaseNote(change.At, change.Actor, note, id)] };

            // The audit says a note was written, never what it says.
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Note, null, AuditResult.Done));
        }

        if (change.OwnerMessage is { } message && result.Status.IsSubmitted() && result.Status != CaseStatus.Closed
            && !(id is not null && result.Messages.Any(m => m.ActivityId == id)))
        {
            result = result with
            {
                UpdatedAt = change.At,
                Messages = [.. result.Messages, new CaseMessage(change.At, CaseMessage.FromOwner, change.Actor, message, id)],

                // A message to the reporter is the feedback the deadline asks for.
                Deadlines = CaseDeadlines.Running(result).Any(d => d.Kind == DeadlineKind.Feedback)
                    ? CaseDeadlines.Meet(result.Deadlines, DeadlineKind.Feedback, change.Actor, change.At)
                    : result.Deadlines,
            };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Message, null, AuditResult.Done, CaseMessage.FromOwner));
        }

        // One write from the old owner to the new: never without an owner. A case that is already the
        // new owner's (applied before) or has since gone to someone else is left as it is.
        if (change.TransferTo is { } to && change.TransferFrom is { } from && result.Status.IsSubmitted()
            && string.Equals(result.Owner, from, StringComparison.OrdinalIgnoreCase) && !string.Equals(result.Owner, to, StringComparison.OrdinalIgnoreCase))
        {
            result = result with { Owner = to, UpdatedAt = change.At };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Transfer, to, AuditResult.Done, from));
        }

        // The thread ends with the case: a reply decided just before the owner closed it is not added.
        if (change.ReporterReply is { } reply && result.Status.IsSubmitted() && result.Status != CaseStatus.Closed
            && !(id is not null && result.Messages.Any(m => m.ActivityId == id)))
        {
            result = result with { UpdatedAt = change.At, Messages = [.. result.Messages, new CaseMessage(change.At, CaseMessage.FromReporter, change.Actor, reply, id)] };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Message, null, AuditResult.Done, CaseMessage.FromReporter));
        }

        return result;
    }

    private async Task<bool> HasLinesOfAsync(PendingChange change, CancellationToken cancellationToken)
        => change.ActivityId is { } id
            && (await cases.ReadTranscriptAsync(change.Reference, cancellationToken).ConfigureAwait(false)).Any(e => e.Direction == TranscriptDirection.In && e.ActivityId == id);

    /// <summary>The case's evidence list with this item in it once: a retry keeps the number it had.</summary>
    private static List<EvidenceItem> WithItem(List<EvidenceItem> evidence, EvidenceItem item)
        => evidence.Find(e => e.BlobName == item.BlobName) is { } earlier
            ? [.. evidence.Select(e => e.BlobName == item.BlobName ? item with { Number = earlier.Number } : e)]
            : [.. evidence, item with { Number = evidence.Count == 0 ? 1 : evidence.Max(e => e.Number) + 1 }];
}
