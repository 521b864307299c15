using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation.Intake;

/// <summary>What the dialogs of one intake share: its flow and services, and the few things more than
/// one of them does (find a section, save an answer, go on to the next section, send a message with
/// the support line).</summary>
internal sealed class IntakeCommon
{
    public IntakeCommon(IntakeFlow flow, IntakeServices services)
    {
        Flow = flow;
        Text = services.Text;
        State = services.State;
        Drafts = services.Drafts;
        Evidence = services.Evidence;
        Options = services.Options.Value;
        Retention = new RetentionFacts(services.Retention.Draft, services.Retention.ClosedCase, services.Retention.Backup);
        AccountLimit = services.Limits.Value.AccountMessages;
        OffersConfidential = flow.Kind == CaseKind.SelfReport && !flow.KeepsIdentity && services.Identity.Value.Confidential;
    }

    public IntakeFlow Flow { get; }

    public IReadOnlyList<IntakeSection> Sections => Flow.Sections;

    public TextCatalog Text { get; }

    public ConversationStateAccessors State { get; }

    public CaseDrafts Drafts { get; }

    public EvidenceIntake Evidence { get; }

    public IntakeOptions Options { get; }

    public RetentionFacts Retention { get; }

    public int AccountLimit { get; }

    /// <summary>This flow is a self-report and confidential reporting is configured (<c>Identity:Confidential</c>).</summary>
    public bool OffersConfidential { get; }

    /// <summary>The part that holds the account in the person's own words (the reporter's "what happened",
    /// the responder's notes).</summary>
    public IntakeSection AccountSection => Sections.First(s => s.Input == SectionInput.Account);

    public Task<IntakeDraft> DraftAsync(ITurnContext turn, CancellationToken cancellationToken)
        => State.GetDraftAsync(turn, cancellationToken);

    /// <summary>The section a cursor is at: by its id, or for a draft saved with a numbered cursor, by
    /// the id that number had then.</summary>
    public IntakeSection SectionAt(SectionCursor cursor)
    {
        var id = cursor.Id ?? (Flow.SavedPositions ?? [.. Sections.Select(s => s.Id)])[cursor.Index ?? 0];
        return Sections.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal)) ?? Sections[0];
    }

    public IntakeSection? SectionById(string? id) => Sections.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    public async Task SaveAnswerAsync(ITurnContext turnContext, IntakeSection section, SectionAnswer answer, CancellationToken cancellationToken)
    {
        var draft = await DraftAsync(turnContext, cancellationToken).ConfigureAwait(false);
        draft.Answers = section.Write(draft.Answers, answer);
    }

    /// <summary>The reference reserved for this intake's case, where its evidence is stored.</summary>
    public async Task<string> EnsureCaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => CaseDrafts.Reserve(await DraftAsync(turnContext, cancellationToken).ConfigureAwait(false));

    /// <summary>After a section: the next one, or the review when the section was an edit or the last.</summary>
    public async Task<DialogTurnResult> NextSectionAsync(WaterfallStepContext<NoValues> step, SectionCursor cursor, CancellationToken cancellationToken)
    {
        var next = Sections.ToList().IndexOf(SectionAt(cursor)) + 1;
        var draft = await DraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        if (next < Sections.Count && Sections[next].Id == IntakeSection.SafeTimesId && draft.Answers.NoContact)
        {
            // Someone who asked not to be contacted is not asked when to be contacted.
            next++;
        }

        return cursor.Editing || next >= Sections.Count
            ? await step.ReplaceDialogAsync(ReviewDialog.DialogId, null, cancellationToken).ConfigureAwait(false)
            : await step.ReplaceDialogAsync(SectionLoopDialog.DialogId, new SectionCursor(Sections[next].Id, Editing: false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>For a responder's note that records a promise ("I said it stays confidential"), the
    /// practice guide's reminder about promises, once a report; otherwise null.</summary>
    public async Task<string?> PromiseReminderAsync(ITurnContext turn, string said, CancellationToken cancellationToken)
    {
        var draft = await DraftAsync(turn, cancellationToken).ConfigureAwait(false);
        if (draft.Kind != CaseKind.TakenByResponder || draft.PromiseReminded || !Text.RecordsPromise(said))
        {
            return null;
        }

        draft.PromiseReminded = true;
        return Text.Format(TextKey.ResponderPromiseReminder, Options.FaqUrl);
    }

    /// <summary>The words that steer the intake rather than answer it.</summary>
    public bool IsControlWord(string? said)
        => new[] { TextKey.ChoiceHelp, TextKey.ChoicePause, TextKey.ChoiceStop, TextKey.ChoicePrivacy, TextKey.ChoiceReport, TextKey.ChoiceTakeReport, TextKey.ChoiceTips, TextKey.ChoiceSubmit, TextKey.ChoiceDone, TextKey.ChoiceSkip }
            .Any(word => Text.IsWord(said, word));

    /// <summary>A message followed by the support resource, when one is configured.</summary>
    public async Task SendWithSupportAsync(ITurnContext turn, string message, CancellationToken cancellationToken)
    {
        IActivity[] messages = string.IsNullOrWhiteSpace(Options.SupportResource)
            ? [MessageFactory.Text(message)]
            : [MessageFactory.Text(message), MessageFactory.Text(Text.Format(TextKey.SupportLine, Options.SupportResource))];
        await turn.SendActivitiesAsync(messages, cancellationToken).ConfigureAwait(false);
    }
}
