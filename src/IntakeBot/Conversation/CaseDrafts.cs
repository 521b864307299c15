using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Lifecycle;
using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using IntakeBot.Text;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace IntakeBot.Conversation;

/// <summary>The intake's draft lives in conversation state only, committed with every turn; nothing of
/// it is in blob storage but the evidence uploaded under its reserved reference. A submit records the
/// case in the state (<see cref="PendingCase"/>) in the turn's commit, and <see cref="ApplyAsync"/>
/// writes it after the commit; a discard clears the draft in the commit and its evidence goes after.</summary>
public sealed class CaseDrafts(ICaseStore store, EvidenceStore evidence, ConversationStateAccessors state, IOptions<IntakeOptions> options, LifecyclePeriods lifecycle, IdentitySeal seal, IOptions<IdentityOptions> identity, TimeProvider clock, ILogger<CaseDrafts> logger)
{
    /// <summary>The draft's case reference, reserved (random, never sequential) the first time it is
    /// needed; it is kept by the turn's commit like the rest of the draft.</summary>
    public static string Reserve(IntakeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.CaseReference is null)
        {
            draft.CaseReference = CaseReference.NewReference();
            Telemetry.IntakeMetrics.IntakeStarted(draft.Kind.ToStoredNameOrUnknown());
        }

        return draft.CaseReference;
    }

    /// <summary>The draft's evidence, with what this turn stored.</summary>
    public static IReadOnlyList<EvidenceItem> Evidence(ITurnContext turnContext, IntakeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return WithItems(draft.Evidence, ConversationTurn.Of(turnContext).Transcript.Evidence);
    }

    /// <summary>Takes an item out of the draft's evidence before it is submitted: the rest are numbered
    /// again from 1, as the review shows them, and its blob is deleted once the case is written. Null
    /// when the draft has no such item (a Remove button of an older review card).</summary>
    public static EvidenceItem? RemoveEvidence(IntakeDraft draft, string blobName)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Evidence.Find(e => e.BlobName == blobName) is not { } item)
        {
            return null;
        }

        draft.Evidence = [.. draft.Evidence.Where(e => e != item).Select((e, i) => e with { Number = i + 1 })];
        draft.RemovedEvidence.Add(blobName);
        if (item.Original is { } original && original.BlobName != blobName)
        {
            draft.RemovedEvidence.Add(original.BlobName);
        }

        return item;
    }

    /// <summary>Decides the case: recorded in the state (committed with this turn, the dialog ending in
    /// the same write), written to blob storage after the commit. Nothing is written here.</summary>
    public async Task<CaseRecord> SubmitAsync(ITurnContext turnContext, IntakeDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        var from = turnContext.Activity.From;
        var person = new Reporter(from.Id, from.AadObjectId, from.Name);
        var taken = draft.Kind == CaseKind.TakenByResponder;
        var unnamed = draft.KeepsReporterUnnamed(identity.Value.Confidential);
        var reference = Reserve(draft);
        var record = new CaseRecord
        {
            Reference = reference,
            Kind = draft.Kind,
            Identity = unnamed ? IdentityChoice.Confidential : null,
            Status = CaseStatus.Submitted,
            Reporter = taken ? null : person,
            TakenBy = taken ? person : null,
            Owner = (draft.Owner ?? options.Value.DefaultOwner).Trim().ToLowerInvariant(),
            FollowsOn = draft.FollowsOn,
            CreatedAt = draft.PendingTranscript.FirstOrDefault()?.At ?? now,
            UpdatedAt = now,
            SubmittedAt = now,
            SafetyConcern = draft.SafetyConcern,
            Answers = draft.Answers,
            Evidence = [.. Evidence(turnContext, draft)],
            Deadlines = lifecycle.For(now, draft.SafetyConcern),
        };
        var pending = new PendingCase { Record = record, Transcript = [.. draft.PendingTranscript], RemovedEvidence = [.. draft.RemovedEvidence] };
        if (unnamed)
        {
            pending = taken ? await UnnamedAsync(pending, cancellationToken).ConfigureAwait(false) : await SealedAsync(turnContext, pending, cancellationToken).ConfigureAwait(false);
            record = pending.Record;
        }

        ConversationTurn.Of(turnContext).Submit(pending);
        (await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false)).Submitted(record.Reference, now);
        Clear(draft);
        Telemetry.IntakeMetrics.IntakeSubmitted(record.Kind.ToStoredNameOrUnknown());
        return record;
    }

    /// <summary>The confidential case as it is kept: the reporter's identity and conversation reference
    /// sealed, the pseudonym in their place in the record, its answers, evidence list and transcript.</summary>
    private async Task<PendingCase> SealedAsync(ITurnContext turnContext, PendingCase pending, CancellationToken cancellationToken)
    {
        var from = turnContext.Activity.From;
        var conversation = turnContext.Activity.GetConversationReference();

        // Kept with the reporter's language: what they are told later is in it.
        conversation.Locale = ReaderLanguage.Current;
        var identity = new ReporterIdentity(from.AadObjectId, from.Id, from.Name, JsonConvert.SerializeObject(conversation));
        var record = pending.Record;
        var sealedReporter = await seal.SealAsync(record.Reference, identity, cancellationToken).ConfigureAwait(false);
        var pseudonym = sealedReporter.Pseudonym;
        var markers = Markers(from);
        var (items, clear, renamed) = await SealFilesAsync(record, cancellationToken).ConfigureAwait(false);
        return new PendingCase
        {
            Record = record with
            {
                Reporter = new Reporter(pseudonym, pseudonym, pseudonym),
                SealedReporter = sealedReporter,
                Answers = Pseudonyms.Hide(record.Answers, markers, pseudonym),
                Evidence = [.. items.Select(e => Pseudonyms.Hide(e, markers, pseudonym))],
            },
            Transcript = [.. pending.Transcript.Select(e => Renamed(Pseudonyms.Hide(e, markers, pseudonym), renamed))],
            RemovedEvidence = [.. pending.RemovedEvidence, .. clear],
        };
    }

    /// <summary>A report taken from someone who prefers not to say who they are, kept like a confidential
    /// one with no identity to seal: a pseudonym stands in the reported-by answer (the owner's views show
    /// "Prefers not to say (Reporter R-…)"), and its files are sealed and cleaned.</summary>
    private async Task<PendingCase> UnnamedAsync(PendingCase pending, CancellationToken cancellationToken)
    {
        var record = pending.Record;
        var (items, clear, renamed) = await SealFilesAsync(record, cancellationToken).ConfigureAwait(false);
        return new PendingCase
        {
            Record = record with { Answers = record.Answers with { ReportedBy = Pseudonyms.New() }, Evidence = items },
            Transcript = [.. pending.Transcript.Select(e => Renamed(e, renamed))],
            RemovedEvidence = [.. pending.RemovedEvidence, .. clear],
        };
    }

    /// <summary>Files sent before the reporter chose confidential (at the review) were stored as sent:
    /// they are sealed and cleaned now, before the commit (under names from their item keys, so a retry
    /// overwrites), and their clear blobs are deleted once the case is kept. Their names in the draft's
    /// transcript become the neutral ones.</summary>
    private async Task<(List<EvidenceItem> Items, List<string> Clear, List<(string From, string To)> Renamed)> SealFilesAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var items = new List<EvidenceItem>();
        var clear = new List<string>();
        var renamed = new List<(string From, string To)>();
        foreach (var item in record.Evidence)
        {
            if (item.Original is not null || item.Kind is not null || item.OriginalName == "pasted-text.txt")
            {
                items.Add(item);
                continue;
            }

            var sealedItem = await evidence.SealStoredAsync(record.Reference, item, cancellationToken).ConfigureAwait(false);
            items.Add(sealedItem);
            clear.Add(item.BlobName);
            renamed.AddRange([(item.OriginalName, sealedItem.SafeName), (item.SafeName, sealedItem.SafeName), (item.Sha256, sealedItem.Sha256)]);
        }

        return (items, clear, renamed);
    }

    /// <summary>A transcript line with the names (and hashes) of files sealed at submission replaced.</summary>
    private static TranscriptEntry Renamed(TranscriptEntry entry, List<(string From, string To)> renamed)
        => renamed.Count == 0 ? entry : entry with { Text = renamed.Aggregate(entry.Text, (text, r) => Pseudonyms.Hide(text, [r.From], r.To)) };

    private static List<string> Markers(Microsoft.Bot.Schema.ChannelAccount from)
        => [.. new ReporterIdentity(from.AadObjectId, from.Id, from.Name, null).Markers()];

    /// <summary>The cases submitted in this conversation a moment ago, which Azure's tag index may not
    /// find yet: for the lists to read along with the index's answer (<see cref="CaseFilter.Recent"/>).</summary>
    public async Task<IReadOnlyList<string>> RecentlySubmittedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => (await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false)).RecentlySubmitted(clock.GetUtcNow());

    /// <summary>Clears the draft in this turn's commit; its evidence is deleted after the commit
    /// (<see cref="DiscardedDraft"/>), so a discard that loses a race deletes nothing.</summary>
    public static Task DiscardAsync(ITurnContext turnContext, IntakeDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(draft);
        var turn = ConversationTurn.Of(turnContext);
        turn.Transcript.CaseDeleted = true;
        turn.Discard(new DiscardedDraft(draft.CaseReference));
        Telemetry.IntakeMetrics.IntakeDiscarded(draft.Kind.ToStoredNameOrUnknown());
        Clear(draft);
        return Task.CompletedTask;
    }

    /// <summary>Decides an addition to a submitted case, with its own timestamp: recorded in the state
    /// (committed with this turn), written to the case after the commit.</summary>
    public async Task AddAsync(ITurnContext turnContext, string reference, string text, CancellationToken cancellationToken)
    {
        var change = Change(turnContext, reference);
        var turn = ConversationTurn.Of(turnContext);
        turn.Decide(change with { Addition = new Addition(change.At, change.Actor, text, change.ActivityId) });
        turn.Transcript.CaseReference = reference;
    }

    /// <summary>A change to a submitted case by the person of this turn, now, to fill in and decide.</summary>
    public PendingChange Change(ITurnContext turnContext, string reference)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return new PendingChange
        {
            Reference = reference,
            ActivityId = turnContext.Activity.Id,
            Actor = turnContext.Activity.From.AadObjectId,
            At = clock.GetUtcNow(),
        };
    }

    /// <summary>Decides where the turn's lines go: into the case submitted in this turn, into the draft
    /// while an intake runs (both in the state, committed with the turn), or to the existing case the
    /// turn added to (kept with the turn's change to it by the commit, see <see cref="PendingChange"/>).</summary>
    public static void RecordTurn(ITurnContext turnContext, IntakeDraft? draft, bool intakeActive)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var turn = ConversationTurn.Of(turnContext);
        var transcript = turn.Transcript;
        if (turn.Submitted is { } submitted)
        {
            // The turn's own lines of a confidential case, like the draft's, with the pseudonym for the reporter.
            submitted.Transcript.AddRange(submitted.Record.SealedReporter is { } sealedReporter
                ? transcript.Entries.Select(e => Pseudonyms.Hide(e, Markers(turnContext.Activity.From), sealedReporter.Pseudonym))
                : transcript.Entries);
            transcript.CaseReference = null;
        }
        else if (intakeActive && draft is not null && !transcript.CaseDeleted)
        {
            // From the intake's first turn on, so that evidence of any later turn (and its retry)
            // goes under the reference this commit keeps.
            Reserve(draft);
            draft.PendingTranscript.AddRange(transcript.Entries);
            draft.Evidence = [.. WithItems(draft.Evidence, transcript.Evidence)];
            transcript.CaseReference = null;
        }
    }

    /// <summary>Writes a committed case: <c>case.json</c> if it is not there yet, and its transcript if
    /// that is not there yet, so that applying twice changes nothing. True when this call created it.</summary>
    public async Task<bool> ApplyAsync(PendingCase pending, IReadOnlyCollection<TranscriptEntry> undelivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(undelivered);
        var record = pending.Record;

        // The transcript starts with the submission's lines, once: whoever applies it (the turn, its
        // redelivery, the background pass) appends only at its start and only while it is empty. It is
        // written before case.json, which makes the case exist for its owner: a message or note the owner
        // adds appends to the transcript, and one added before the submission's lines would leave them out.
        await store.AppendTranscriptOnceAsync(record.Reference, [.. pending.Transcript.Where(e => !undelivered.Contains(e))], from: 0, written: lines => lines.Count > 0, cancellationToken).ConfigureAwait(false);
        var created = await store.TryCreateAsync(record, cancellationToken).ConfigureAwait(false);
        if (!created)
        {
            var existing = await store.GetAsync(record.Reference, cancellationToken).ConfigureAwait(false);
            if (existing is null || existing.CreatedAt != record.CreatedAt || existing.Owner != record.Owner)
            {
                // Another case took the reserved reference (40 random bits make this all but impossible;
                // its transcript was not empty, so nothing was appended to it).
                logger.LogError("Case {CaseReference} could not be written: its reference is taken by another case.", record.Reference);
                return false;
            }
        }

        foreach (var removed in pending.RemovedEvidence)
        {
            await evidence.DeleteAsync(record.Reference, removed, cancellationToken).ConfigureAwait(false);
        }

        if (record.SealedReporter is not null)
        {
            // Uploaded before the case was decided, they name who added them in their metadata.
            foreach (var item in record.Evidence)
            {
                await store.SetEvidenceAddedByAsync(item.BlobName, item.AddedBy, cancellationToken).ConfigureAwait(false);
            }
        }

        return created;
    }

    private static void Clear(IntakeDraft draft)
    {
        draft.CaseReference = null;
        draft.Answers = new IntakeAnswers();
        draft.Identity = IdentityChoice.Named;
        draft.Owner = null;
        draft.FollowsOn = null;
        draft.SafetyConcern = false;
        draft.PromiseReminded = false;
        draft.Evidence.Clear();
        draft.RemovedEvidence.Clear();
        draft.PendingTranscript.Clear();
    }

    /// <summary>A list with each item once: a retried message keeps its item's number.</summary>
    private static List<EvidenceItem> WithItems(List<EvidenceItem> evidence, IReadOnlyList<EvidenceItem> added)
    {
        var list = evidence;
        foreach (var item in added)
        {
            list = list.Find(e => e.BlobName == item.BlobName) is { } earlier
                ? [.. list.Select(e => e.BlobName == item.BlobName ? item with { Number = earlier.Number } : e)]
                : [.. list, item with { Number = list.Count == 0 ? 1 : list.Max(e => e.Number) + 1 }];
        }

        return list;
    }
}
