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
    /// <summary>Longer than this, a message that says an answer was wrong is telling more than that.</summary>
    private const int ChangeWords = 12;

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

    /// <summary>Adds <paramref name="said"/> to the account (the responder's notes) where it may go: there
    /// is an account already, a responder's notes are agreed to, and it is not full. True when added.</summary>
    public async Task<bool> KeepInAccountAsync(ITurnContext turn, string said, CancellationToken cancellationToken)
    {
        var draft = await DraftAsync(turn, cancellationToken).ConfigureAwait(false);
        var given = AccountSection.Read(draft.Answers).Texts;
        if (given.Count == 0 || given.Count >= AccountLimit || (draft.Kind == CaseKind.TakenByResponder && draft.Answers.Consent != ConsentAnswer.Agreed))
        {
            return false;
        }

        draft.Answers = AccountSection.WithTextAdded(draft.Answers, said);
        return true;
    }

    /// <summary>What the person is told when their words were added to the account: the reporter's
    /// account of what happened, or the responder's notes.</summary>
    public string KeptInAccount => Text[Flow.Kind == CaseKind.TakenByResponder ? TextKey.ListenKeptInNotes : TextKey.ListenKeptInAccount];

    /// <summary>"wait I got the date wrong", "I made a typo": the person wants to change an answer
    /// given before, in a few words and about their own answer ("he got it wrong" is the account).</summary>
    public bool AsksToChange(string? said)
        => TypedPhrases.WordCount(TypedPhrases.Words(Text, said)) <= ChangeWords
            && TypedPhrases.Has(Text, said, TextKey.WordsCorrection)
            && !TypedPhrases.Has(Text, said, TextKey.WordsSomeoneElse);

    /// <summary>"can u repeat", "sorry what?": the person asks for the question again.</summary>
    public bool AsksAgain(string? said) => TypedPhrases.Is(Text, said, TextKey.WordsRepeat);

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
