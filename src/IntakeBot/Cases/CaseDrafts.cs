using IntakeBot.Bot;
using IntakeBot.Conversation;
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
        if (draft.CaseReference is { } reference && await store.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await store.SaveAsync(existing with { Answers = draft.Answers, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
            Link(turnContext, reference);
            return;
        }

        var reporter = ReporterOf(turnContext);
        for (var attempt = 0; attempt < ReferenceAttempts; attempt++)
        {
            var record = new CaseRecord
            {
                Reference = draft.CaseReference ?? CaseReference.NewReference(),
                Reporter = reporter,
                Owner = options.Value.DefaultOwner,
                CreatedAt = now,
                UpdatedAt = now,
                Answers = draft.Answers,
            };
            if (await store.TryCreateAsync(record, cancellationToken).ConfigureAwait(false))
            {
                draft.CaseReference = record.Reference;
                Link(turnContext, record.Reference);
                return;
            }

            draft.CaseReference = null;
        }

        throw new InvalidOperationException("No free case reference was found.");
    }

    public async Task<CaseRecord> SubmitAsync(ITurnContext turnContext, IntakeDraft draft, CancellationToken cancellationToken)
    {
        await SaveAnswersAsync(turnContext, draft, cancellationToken).ConfigureAwait(false);
        var record = await store.GetAsync(draft.CaseReference!, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The draft case disappeared before it was submitted.");
        var now = clock.GetUtcNow();
        var submitted = record with { Status = CaseStatuses.Submitted, SubmittedAt = now, UpdatedAt = now };
        await store.SaveAsync(submitted, cancellationToken).ConfigureAwait(false);
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
    }

    /// <summary>Writes the turn's activities to the case it belongs to, or keeps them with the draft
    /// until the case exists. Called before state is saved, so a failure here loses no answer.</summary>
    public async Task RecordTurnAsync(ITurnContext turnContext, IntakeDraft? draft, bool intakeActive, CancellationToken cancellationToken)
    {
        var transcript = TurnTranscript.Of(turnContext);
        if (transcript is null || transcript.CaseDeleted)
        {
            return;
        }

        var reference = transcript.CaseReference ?? draft?.CaseReference;
        if (reference is not null)
        {
            List<TranscriptEntry> entries = [.. draft?.PendingTranscript ?? [], .. transcript.Entries];
            await store.AppendTranscriptAsync(reference, entries, cancellationToken).ConfigureAwait(false);
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

    private static Reporter ReporterOf(ITurnContext turnContext)
    {
        var from = turnContext.Activity.From;
        return new Reporter(from.Id, from.AadObjectId, from.Name);
    }
}
