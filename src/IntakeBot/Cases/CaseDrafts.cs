using IntakeBot.Bot;
using IntakeBot.Conversation;
using IntakeBot.Evidence;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace IntakeBot.Cases;

/// <summary>Keeps the case in blob storage in step with the intake: a draft from the first answer,
/// updated with every answer, submitted or deleted at the end, with the intake's transcript.</summary>
public sealed class CaseDrafts(ICaseStore store, IOptions<IntakeOptions> options, TimeProvider clock)
{
    private const int ReferenceAttempts = 5;

    public async Task SaveAnswersAsync(ITurnContext turnContext, IntakeDraft draft, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (draft.CaseReference is { } reference
            && await store.UpdateAsync(reference, c => c with { Answers = draft.Answers, UpdatedAt = now }, cancellationToken).ConfigureAwait(false) is not null)
        {
            Link(turnContext, reference);
            return;
        }

        var person = PersonOf(turnContext);
        var taken = draft.Kind == CaseKinds.TakenByResponder;
        for (var attempt = 0; attempt < ReferenceAttempts; attempt++)
        {
            var record = new CaseRecord
            {
                Reference = draft.CaseReference ?? CaseReference.NewReference(),
                Kind = draft.Kind,
                Reporter = taken ? null : person,
                TakenBy = taken ? person : null,
                Owner = (taken ? draft.Owner! : options.Value.DefaultOwner).Trim().ToLowerInvariant(),
                CreatedAt = now,
                UpdatedAt = now,
                Answers = draft.Answers,
            };
            if (await store.TryCreateAsync(record, cancellationToken).ConfigureAwait(false))
            {
                draft.CaseReference = record.Reference;
                Link(turnContext, record.Reference);
                Telemetry.IntakeMetrics.IntakeStarted(record.Kind);
                return;
            }

            draft.CaseReference = null;
        }

        throw new InvalidOperationException("No free case reference was found.");
    }

    public async Task<CaseRecord> SubmitAsync(ITurnContext turnContext, IntakeDraft draft, CancellationToken cancellationToken)
    {
        await SaveAnswersAsync(turnContext, draft, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var submitted = await store.UpdateAsync(draft.CaseReference!, c => c with { Status = CaseStatuses.Submitted, SubmittedAt = now, UpdatedAt = now }, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The draft case disappeared before it was submitted.");
        Telemetry.IntakeMetrics.IntakeSubmitted(submitted.Kind);
        return submitted;
    }

    public async Task DiscardAsync(ITurnContext turnContext, IntakeDraft draft, CancellationToken cancellationToken)
    {
        if (draft.CaseReference is { } reference)
        {
            await store.DeleteAsync(reference, cancellationToken).ConfigureAwait(false);
        }

        if (TurnTranscript.Of(turnContext) is { } transcript)
        {
            transcript.CaseDeleted = true;
        }

        draft.CaseReference = null;
        draft.PendingTranscript.Clear();
        Telemetry.IntakeMetrics.IntakeDiscarded(draft.Kind);
    }

    public async Task<IReadOnlyList<EvidenceItem>> EvidenceAsync(string reference, CancellationToken cancellationToken)
        => (await store.GetAsync(reference, cancellationToken).ConfigureAwait(false))?.Evidence ?? [];

    /// <summary>Adds what a reporter sent later to their submitted case, with its own timestamp.</summary>
    public async Task AddAsync(ITurnContext turnContext, string reference, string text, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var by = turnContext.Activity.From.AadObjectId;
        await store.UpdateAsync(reference, c => c with { Additions = [.. c.Additions, new Addition(now, by, text)], UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
        Link(turnContext, reference);
    }

    /// <summary>Decides where the turn's activities go: to the case it belongs to (written after the
    /// state is committed, by <see cref="TurnCommit"/>), or into the draft until the case exists.</summary>
    public static void RecordTurn(ITurnContext turnContext, IntakeDraft? draft, bool intakeActive)
    {
        var transcript = TurnTranscript.Of(turnContext);
        if (transcript is null || transcript.CaseDeleted)
        {
            return;
        }

        var reference = transcript.CaseReference ?? draft?.CaseReference;
        if (reference is not null)
        {
            transcript.CaseReference = reference;
            transcript.Earlier.AddRange(draft?.PendingTranscript ?? []);
            draft?.PendingTranscript.Clear();
        }
        else if (intakeActive && draft is not null)
        {
            draft.PendingTranscript.AddRange(transcript.Entries);
        }
    }

    private static void Link(ITurnContext turnContext, string reference)
    {
        if (TurnTranscript.Of(turnContext) is { } transcript)
        {
            transcript.CaseReference = reference;
        }
    }

    private static Reporter PersonOf(ITurnContext turnContext)
    {
        var from = turnContext.Activity.From;
        return new Reporter(from.Id, from.AadObjectId, from.Name);
    }
}
