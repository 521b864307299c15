using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Applies a committed <see cref="PendingChange"/> to its case: one conditional write of
/// <c>case.json</c> (none when the case has it already), the audit entries of what that write changed,
/// then the turn's transcript lines. Applying the same change again writes nothing, whoever applies it
/// and however many apply it at once.</summary>
public sealed class CaseChanges(ICaseStore cases, IdentitySeal seal, ILogger<CaseChanges> logger)
{
    /// <summary>How many <see cref="TranscriptMark"/>s a case keeps: a change is applied right after its
    /// commit, by a redelivery, or by the background pass minutes later, long before this many later
    /// changes to the same case have been applied.</summary>
    public const int KeptMarks = 64;

    /// <summary>Applies <paramref name="change"/>, leaving out the replies that never reached the person.
    /// The write of <c>case.json</c> that applies the change leaves a mark (<see cref="TranscriptMark"/>):
    /// where the transcript ended before the change's lines, and the audit entries that write owes. Every
    /// apply then appends the entries the audit log lacks (<see cref="ICaseStore.AppendAuditOnceAsync"/>)
    /// and the lines unless they are after the mark (<see cref="ICaseStore.AppendTranscriptOnceAsync"/>),
    /// so that each is written once per activity, also when a process stopped between the appends.</summary>
    public async Task ApplyAsync(PendingChange change, IReadOnlyCollection<TranscriptEntry> undelivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(undelivered);
        var lines = change.Transcript.Where(e => !undelivered.Contains(e)).ToList();
        var id = change.ActivityId;
        var length = lines.Count > 0 && id is not null ? await cases.TranscriptLengthAsync(change.Reference, cancellationToken).ConfigureAwait(false) : 0;
        var from = length;
        var audit = new List<AuditEntry>();
        string? pseudonym = null;
        var updated = await cases.UpdateAsync(change.Reference, record =>
        {
            audit.Clear();
            pseudonym = record.SealedReporter is { } sealedReporter && seal.IsReporter(sealedReporter, change.Actor) ? sealedReporter.Pseudonym : null;
            var applied = Applied(record, pseudonym is null ? change : Hidden(change, pseudonym), audit);
            if (id is null)
            {
                return applied;
            }

            if (record.TranscriptMarks?.Find(m => m.ActivityId == id) is { } mark)
            {
                // Applied before: what that write changed is owed, whether or not it reached the log.
                from = mark.From;
                audit.Clear();
                audit.AddRange(mark.Audit ?? []);
                return applied;
            }

            if (ReferenceEquals(applied, record) && lines.Count == 0)
            {
                // It changes nothing and has no lines to place: no mark, so nothing is written.
                return record;
            }

            from = length;
            return applied with { TranscriptMarks = [.. (applied.TranscriptMarks ?? []).TakeLast(KeptMarks - 1), new TranscriptMark(id, length, change.At, audit.Count > 0 ? [.. audit] : null)] };
        }, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            // Deleted since (retention, or a discard): nothing is written to a case that is gone.
            logger.LogWarning("A change to case {CaseReference} was dropped: the case no longer exists.", change.Reference);
            return;
        }

        await cases.AppendAuditOnceAsync(change.Reference, audit, cancellationToken).ConfigureAwait(false);
        if (pseudonym is not null)
        {
            // The reporter of a confidential case: who added the change's files is the pseudonym everywhere.
            lines = [.. lines.Select(l => Pseudonyms.Hide(l, [change.Actor], pseudonym))];
            foreach (var item in change.Evidence)
            {
                await cases.SetEvidenceAddedByAsync(item.BlobName, pseudonym, cancellationToken).ConfigureAwait(false);
            }
        }

        if (lines.Count == 0)
        {
            return;
        }

        // A change without an activity id (none is made today) has nothing to be told apart by.
        await cases.AppendTranscriptOnceAsync(change.Reference, lines, id is null ? long.MaxValue : from,
            after => after.Any(e => SameLine(e, lines[0])), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A change by the reporter of a confidential case with the pseudonym for them: as who made it,
    /// added it and added its files.</summary>
    private static PendingChange Hidden(PendingChange change, string pseudonym)
        => change with
        {
            Actor = pseudonym,
            Addition = change.Addition is { } addition ? addition with { AddedBy = pseudonym } : null,
            Evidence = [.. change.Evidence.Select(e => e with { AddedBy = pseudonym })],
        };

    /// <summary>The deadlines once a safety concern is raised: an unmet acknowledgement due after the urgent
    /// one is brought forward to it, reminded half way, as a case submitted with the concern would be.</summary>
    private static List<CaseDeadline> Urgent(List<CaseDeadline> deadlines, PendingChange change)
        => change.UrgentAcknowledgeBy is not { } by
            ? deadlines
            : [.. deadlines.Select(d => d.Kind == DeadlineKind.Acknowledge && !d.IsMet && d.Due > by
                ? d with { Due = by, RemindFrom = change.At + ((by - change.At) / 2), RemindedBefore = null, RemindedPassed = null }
                : d)];

    /// <summary>A stored line is the one a change wrote (its attachment list is a new instance once read).</summary>
    private static bool SameLine(TranscriptEntry stored, TranscriptEntry line)
        => stored.At == line.At && stored.Direction == line.Direction && stored.ActivityId == line.ActivityId
            && stored.Type == line.Type && stored.Text == line.Text;

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
            result = result with { SafetyConcern = true, UpdatedAt = change.At, Deadlines = Urgent(result.Deadlines, change) };
        }

        foreach (var item in change.Evidence.Where(i => !result.Evidence.Any(e => e.BlobName == i.BlobName && e.Sha256 == i.Sha256)))
        {
            result = result with { Evidence = WithItem(result.Evidence, item), UpdatedAt = change.At };
        }

        if (change.Status is { } status and not CaseStatus.Unknown && CaseLifecycle.Moved(result, status, change.Actor, change.At) is (LifecycleOutcome.Changed, var moved))
        {
            result = moved;
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Status, null, AuditResult.Done, status.ToStoredName(), id));
        }

        if (change.Note is { } note && !(id is not null && result.Notes.Any(n => n.ActivityId == id)))
        {
            result = result with { UpdatedAt = change.At, Notes = [.. result.Notes, new CaseNote(change.At, change.Actor, note, id)] };

            // The audit says a note was written, never what it says.
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Note, null, AuditResult.Done, ActivityId: id));
        }

        // A summary replaces the one before, so a second apply of an older one must not undo a later one.
        if (change.Summary is { } summary && result.Status.IsSubmitted() && !string.Equals(result.Summary, summary, StringComparison.Ordinal)
            && !(id is not null && (result.TranscriptMarks ?? []).Any(m => m.ActivityId == id)))
        {
            result = result with { Summary = summary, UpdatedAt = change.At };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Summary, null, AuditResult.Done, ActivityId: id));
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
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Message, null, AuditResult.Done, CaseMessage.FromOwner, id));
        }

        // One write from the old owner to the new: never without an owner. A case that is already the
        // new owner's (applied before) or has since gone to someone else is left as it is.
        if (change.TransferTo is { } to && change.TransferFrom is { } from && result.Status.IsSubmitted()
            && string.Equals(result.Owner, from, StringComparison.OrdinalIgnoreCase) && !string.Equals(result.Owner, to, StringComparison.OrdinalIgnoreCase))
        {
            result = result with { Owner = to, UpdatedAt = change.At };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Transfer, to, AuditResult.Done, from, id));
        }

        // The thread ends with the case: a reply decided just before the owner closed it is not added;
        // one decided on the closed case, within its window for replies, is.
        if (change.ReporterReply is { } reply && result.Status.IsSubmitted() && (result.Status != CaseStatus.Closed || change.ReplyAfterClose)
            && !(id is not null && result.Messages.Any(m => m.ActivityId == id)))
        {
            result = result with { UpdatedAt = change.At, Messages = [.. result.Messages, new CaseMessage(change.At, CaseMessage.FromReporter, change.Actor, reply, id)] };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Message, null, AuditResult.Done, CaseMessage.FromReporter, id));
        }

        if (change.Reveal is { } revealed && result.SealedReporter is not null && result.RevealedReporter is null)
        {
            result = result with { RevealedReporter = revealed, UpdatedAt = change.At };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.Reveal, null, AuditResult.Done, ActivityId: id));
        }

        if (change.IdentityRequest is { } request && result.SealedReporter is not null && result.RevealedReporter is null && result.PendingIdentityRequest() is null
            && !(id is not null && (result.IdentityRequests ?? []).Any(r => r.ActivityId == id)))
        {
            result = result with { IdentityRequests = [.. result.IdentityRequests ?? [], request with { ActivityId = id }], UpdatedAt = change.At };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.IdentityRequest, null, AuditResult.Done, ActivityId: id));
        }

        // Only the pending request takes a decision, so a second apply (or a second custodian) changes nothing.
        if (change.IdentityDecision is { } decision && result.PendingIdentityRequest() is { } pending)
        {
            result = result with { IdentityRequests = [.. result.IdentityRequests!.Take(result.IdentityRequests!.Count - 1), pending with { Decision = decision }], UpdatedAt = change.At };
            audit.Add(new AuditEntry(change.At, change.Actor, AuditAction.IdentityDecision, null, AuditResult.Done, decision.Approved ? "approved" : "refused", id));
        }

        return result;
    }

    /// <summary>The case's evidence list with this item in it once: a retry keeps the number it had.</summary>
    private static List<EvidenceItem> WithItem(List<EvidenceItem> evidence, EvidenceItem item)
        => evidence.Find(e => e.BlobName == item.BlobName) is { } earlier
            ? [.. evidence.Select(e => e.BlobName == item.BlobName ? item with { Number = earlier.Number } : e)]
            : [.. evidence, item with { Number = evidence.Count == 0 ? 1 : evidence.Max(e => e.Number) + 1 }];
}
