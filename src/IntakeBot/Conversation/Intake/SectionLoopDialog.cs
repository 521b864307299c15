using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>One section of the intake: its question, its answer saved in the draft, then the next
/// section (or the review). Its options are a <see cref="SectionCursor"/>; a "not safe right now"
/// answer goes to the safety wait, a contact by email to the address; a responder's "they didn't
/// agree" to notes being kept ends the record with nothing kept, and a responder's answer that records
/// a promise gets the reminder about promises (once a report).</summary>
internal sealed class SectionLoopDialog : WaterfallDialog<NoValues>
{
    public const string DialogId = "section";

    /// <summary>A message of at most this many words at a choice was a try at an answer, not more of
    /// the account ("hmm", "the first one").</summary>
    private const int TypedAheadWords = 3;

    private readonly IntakeCommon _intake;
    private readonly TextCatalog _text;

    public SectionLoopDialog(IntakeCommon intake)
        : base(DialogId)
    {
        _intake = intake;
        _text = intake.Text;
        AddStep(AskSectionStepAsync);
        AddStep(SaveSectionStepAsync);
    }

    /// <summary>What was typed at a choice of the intake that is not one of its choices is part of the
    /// account (an answer typed ahead, more of what happened): it joins the account, so nothing is
    /// dropped, and the question is asked again. A word or two is not kept: it was a try at an answer.</summary>
    public async Task<string?> KeepTypedAheadAsync(ITurnContext turn, string said, ChoiceStepOptions step, CancellationToken cancellationToken)
    {
        // Nothing is kept before there is an account, nor in notes the person has not agreed to.
        if (said.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= TypedAheadWords || _intake.IsControlWord(said)
            || !await _intake.KeepInAccountAsync(turn, said, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return _text.Format(TextKey.ChoiceKeptAskAgain, step.Prompt);
    }

    private async Task<DialogTurnResult> AskSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var section = _intake.SectionAt(step.Options<SectionCursor>()!);
        var draft = await _intake.DraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var question = _text.Format(PromptFor(section, draft.Answers), _intake.Options.FaqUrl);
        if (section.Input == SectionInput.Evidence && draft.Identity == IdentityChoice.Confidential)
        {
            question = $"{question}\n\n{_text[TextKey.EvidenceConfidentialNotice]}";
        }

        if (section.Input == SectionInput.Choice)
        {
            return await step.BeginDialogAsync(IntakePrompts.SectionChoice, ChoiceStepOptions.For(question, _text.Format(TextKey.PickOneAskAgain, question), ChoicesOf(section)), cancellationToken).ConfigureAwait(false);
        }

        var prompt = Replies.WithChoices(question, section.Choices.Select(c => _text[c.Title]));
        if (section.Input == SectionInput.Account && !step.Options<SectionCursor>()!.Editing && section.Read(draft.Answers).Texts is { Count: > 0 } given)
        {
            // Started from a first message: the account goes on from it, and says so.
            var continuing = new PromptOptions { Prompt = Replies.WithChoices(_text[TextKey.AccountContinues]) };
            return await step.BeginDialogAsync(IntakePrompts.Account(section), new AccountPrompt.Continuing(continuing, given), cancellationToken).ConfigureAwait(false);
        }

        var options = new PromptOptions
        {
            Prompt = prompt,
            RetryPrompt = Replies.WithChoices(
                _text.Format(TextKey.NoTextReceivedAskAgain, question),
                section.Choices.Select(c => _text[c.Title])),
            Choices = [.. section.Choices.Select(c => _text[c.Title])],
        };
        var promptId = section.Input switch
        {
            SectionInput.Account => IntakePrompts.Account(section),
            SectionInput.Evidence => IntakePrompts.Evidence,
            _ when section.Optional => IntakePrompts.OptionalText,
            _ when section.Id == IntakeSection.WhenId => IntakePrompts.RequiredWhen,
            _ => IntakePrompts.RequiredText,
        };
        return await step.PromptAsync(promptId, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> SaveSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var cursor = step.Options<SectionCursor>()!;
        var section = _intake.SectionAt(cursor);
        var answer = step.Result switch
        {
            List<string> messages => new SectionAnswer(null, messages),
            PickedChoice choice => new SectionAnswer(ChoiceIdOf(section, choice), []),
            string said when section.Optional && _text.IsNothing(said) => SectionAnswer.None,
            string said when ChoiceMatcher.Match(_text, said, ChoicesOf(section), freeText: true) is { } suggested => new SectionAnswer(suggested.Id, []),
            string said => new SectionAnswer(null, [said]),
            _ => SectionAnswer.None,
        };
        await _intake.SaveAnswerAsync(step.Context, section, answer, cancellationToken).ConfigureAwait(false);
        var draft = await _intake.DraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var answers = draft.Answers;

        if (section.Id == IntakeSection.ConsentId && answers.Consent == ConsentAnswer.NotAgreed)
        {
            await CaseDrafts.DiscardAsync(step.Context, draft, cancellationToken).ConfigureAwait(false);
            await step.Context.SendActivityAsync(MessageFactory.Text(NotAgreedEnded()), cancellationToken).ConfigureAwait(false);
            return await step.EndDialogAsync(IntakeDialog.Discarded, cancellationToken).ConfigureAwait(false);
        }

        if (answer.Texts is [var text] && await _intake.PromiseReminderAsync(step.Context, text, cancellationToken).ConfigureAwait(false) is { } reminder)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(reminder), cancellationToken).ConfigureAwait(false);
        }

        if (section.Id == IntakeSection.SafeNowId && answers.NotSafeNow)
        {
            draft.SafetyConcern = true;
            return await step.ReplaceDialogAsync(SafetyWaitDialog.DialogId, cursor, cancellationToken).ConfigureAwait(false);
        }

        if (section.Id == IntakeSection.ContactId && answers.ContactChoice == ContactAnswer.Email)
        {
            return await step.ReplaceDialogAsync(ContactEmailDialog.DialogId, cursor, cancellationToken).ConfigureAwait(false);
        }

        if (section.Id == IntakeSection.ContactId && answers.NoContact)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text[TextKey.NoContactNoted]), cancellationToken).ConfigureAwait(false);
        }

        return await _intake.NextSectionAsync(step, cursor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What ending a record the person did not agree to says, true for whether storage keeps
    /// backups.</summary>
    private string NotAgreedEnded()
        => _intake.Retention.BackupRetention > TimeSpan.Zero
            ? _text.Format(TextKey.ResponderNotAgreedEndedBackups, _intake.Options.FaqUrl, Durations.Format(_text, _intake.Retention.BackupRetention))
            : _text.Format(TextKey.ResponderNotAgreedEnded, _intake.Options.FaqUrl);

    /// <summary>Someone who saw it happen to another person is asked about them, not about themselves.</summary>
    private static TextKey PromptFor(IntakeSection section, IntakeAnswers answers)
        => section.ForBystander is { } bystander && answers.Bystander ? bystander.Prompt : section.Prompt;

    /// <summary>A section's choices with the short forms the catalog gives each ("yeah", "to me").</summary>
    private IReadOnlyList<Choice> ChoicesOf(IntakeSection section)
        => [.. section.Choices.Select(c => new Choice(c.Id, _text[c.Title], _text.ShortForms(c.Title)))];

    /// <summary>The stored name of a choice made; a choice step saved before choices had stored names
    /// sent its catalog key, so its place in the list says which.</summary>
    private static string ChoiceIdOf(IntakeSection section, PickedChoice choice)
        => section.Choices.Any(c => string.Equals(c.Id, choice.Id, StringComparison.Ordinal)) || choice.Index < 0 || choice.Index >= section.Choices.Count
            ? choice.Id
            : section.Choices[choice.Index].Id;
}
