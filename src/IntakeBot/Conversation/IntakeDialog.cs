using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using IntakeBot.Evidence;
using IntakeBot.Responders;
using IntakeBot.Storage;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>An intake: welcome, one section after another, review, and submit or discard. "help",
/// "pause", "report", "take a report", "tips" (where the flow has them) and an early "submit" are
/// answered at any step without losing it. The flow says which questions and words.</summary>
public abstract class IntakeDialog : ComponentDialog
{
    public const string Submitted = "submitted";
    public const string Discarded = "discarded";

    private const string RequiredText = "required-text";
    private const string RequiredWhen = "required-when";
    private const string OptionalText = "optional-text";
    private const string Choice = "choice";
    private const string SectionChoice = "section-choice";

    /// <summary>A message of at most this many words at a choice was a try at an answer, not more of
    /// the account ("hmm", "the first one").</summary>
    private const int TypedAheadWords = 3;
    private const string Welcome = "welcome";
    private const string Section = "section";
    private const string Review = "review";
    private const string Edit = "edit";
    private const string Discard = "discard";
    private const string StopConfirmed = "stop-confirmed";
    private const string ContactEmail = "contact-email";
    private const string EmailPrompt = "email";
    private const string EvidencePromptId = "evidence";
    internal const string SafetyWait = "safety-wait";

    private readonly TextCatalog _text;
    private readonly ConversationStateAccessors _state;
    private readonly CaseDrafts _drafts;
    private readonly IntakeOptions _options;
    private readonly EvidenceIntake _evidence;
    private readonly IntakeFlow _flow;
    private readonly IReadOnlyList<IntakeSection> _sections;
    private readonly RetentionFacts _retention;
    private readonly int _accountLimit;

    protected IntakeDialog(IntakeFlow flow, IntakeServices services)
        : base(flow.DialogId)
    {
        _flow = flow;
        _sections = flow.Sections;
        _text = services.Text;
        _state = services.State;
        _drafts = services.Drafts;
        _evidence = services.Evidence;
        _options = services.Options.Value;
        _retention = new RetentionFacts(services.Retention.Draft, services.Retention.ClosedCase, services.Retention.Backup);
        _accountLimit = services.Limits.Value.AccountMessages;

        AddDialog(new WaterfallDialog<NoValues>(Welcome, [WelcomeStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(Section, [AskSectionStepAsync, SaveSectionStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(Review, [ShowReviewStepAsync, ActOnReviewStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(Edit, [AskWhichSectionStepAsync, EditSectionStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(Discard, [ConfirmDiscardStepAsync, DiscardStepAsync]));
        AddDialog(new TextPrompt(RequiredText));
        AddDialog(new TextPrompt(RequiredWhen));
        AddDialog(new TextPrompt(OptionalText));
        AddDialog(new TextPrompt(EmailPrompt, (prompt, _) => Task.FromResult(prompt.Recognized is { Succeeded: true, Value: { } address } && IsEmailAddress(address))));
        AddDialog(new WaterfallDialog<NoValues>(ContactEmail, [AskEmailStepAsync, SaveEmailStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(SafetyWait, [AskCarryOnStepAsync, CarryOnStepAsync]));
        AddDialog(new ChoiceStepPrompt(Choice, _text));
        AddDialog(new ChoiceStepPrompt(SectionChoice, _text, KeepTypedAheadAsync));
        foreach (var section in _sections.Where(s => s.Input == SectionInput.Account))
        {
            AddDialog(new AccountPrompt(AccountPromptId(section), _text, (turn, messages, ct) => SaveAnswerAsync(turn, section, new SectionAnswer(null, messages), ct), services.Limits.Value.AccountMessages));
        }

        AddDialog(new EvidencePrompt(EvidencePromptId, _text, _evidence, EnsureCaseAsync));

        InitialDialogId = Welcome;
    }

    protected override async Task<bool> OnInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var turn = innerDc.Context;
        var draft = await _state.GetDraftAsync(turn, cancellationToken).ConfigureAwait(false);
        var said = turn.Activity.Text?.Trim();
        if (draft.StopAsked)
        {
            draft.StopAsked = false;
            if (await StopAnsweredAsync(innerDc, draft, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        if (draft.Paused)
        {
            draft.Paused = false;
            if (await ResumeAsync(innerDc, said, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        // Files sent at any step are taken as evidence, and the step waits for its answer.
        if (EvidenceIntake.HasFiles(turn.Activity) && innerDc.ActiveDialog?.Id != EvidencePromptId)
        {
            var replies = await _evidence.TakeAsync(turn, await EnsureCaseAsync(turn, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            await turn.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r))], cancellationToken).ConfigureAwait(false);
            await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (string.IsNullOrEmpty(said) && turn.Activity.Value is not null && innerDc.ActiveDialog?.Id is not (Choice or SectionChoice))
        {
            // A button on an earlier card: Teams sends its press with no text, which is not an empty answer.
            await RepromptAfterAsync(innerDc, _text[TextKey.CardPressedElsewhere], cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (innerDc.ActiveDialog?.Id is RequiredText or RequiredWhen && _text.IsWord(said, TextKey.ChoiceSkip))
        {
            // One kind message saying why the answer helps, and the question stays open; repeating the
            // question straight after would read as pressure.
            await turn.SendActivityAsync(MessageFactory.Text(_text[innerDc.ActiveDialog.Id == RequiredWhen ? TextKey.AnswerNeededWhen : TextKey.AnswerNeeded]), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_text.IsWord(said, TextKey.ChoiceHelp))
        {
            await RepromptAfterAsync(innerDc, _text.Format(TextKey.IntakeHelp, _options.FaqUrl), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_text.IsWord(said, TextKey.ChoicePause))
        {
            draft.Paused = true;
            await SendWithSupportAsync(turn, _text[TextKey.Paused], cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_text.IsWord(said, TextKey.ChoiceStop))
        {
            draft.StopAsked = true;
            await turn.SendActivityAsync(ChoiceMessage.Create(_text, _text[TextKey.ConfirmStop], StopChoices()), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_text.IsWord(said, TextKey.ChoicePrivacy))
        {
            await RepromptAfterAsync(innerDc, PrivacyText.Notice(_text, _retention, _options.OwnerRole, _options.FaqUrl), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_text.IsWord(said, TextKey.ChoiceReport) || _text.IsWord(said, TextKey.ChoiceTakeReport))
        {
            await RepromptAfterAsync(innerDc, _text[TextKey.AlreadyReporting], cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_flow.Tips is { } tips && _text.IsWord(said, TextKey.ChoiceTips))
        {
            await RepromptAfterAsync(innerDc, _text.Format(tips, _options.FaqUrl), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_text.IsWord(said, TextKey.ChoiceSubmit) && innerDc.Stack.LastOrDefault()?.Id != Review)
        {
            await RepromptAfterAsync(innerDc, _text[TextKey.SubmitAtReview], cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (AtSafetyWait(innerDc) && !string.IsNullOrEmpty(said) && !IsCarryOn(said) && !IsControlWord(said) && !_text.IsGreeting(said))
        {
            return await KeepWhileWaitingAsync(turn, draft, said, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private async Task<DialogTurnResult> WelcomeStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var start = step.Options<IntakeStart>();
        draft.Kind = _flow.Kind;
        draft.Owner = start?.Owner;
        if (start?.FirstAccount is { Count: > 0 } first)
        {
            // What they wrote before saying yes is the account's first part, asked for first.
            draft.Answers = AccountSection.Write(draft.Answers, new SectionAnswer(null, first));
        }
        await step.Context.SendActivityAsync(MessageFactory.Text(_text.Format(_flow.Welcome, _options.FaqUrl)), cancellationToken).ConfigureAwait(false);
        if (_flow.Kind == CaseKind.SelfReport)
        {
            await SendWithSupportAsync(step.Context, _text.Format(TextKey.WelcomeData, _options.OwnerRole), cancellationToken).ConfigureAwait(false);
        }

        return await step.ReplaceDialogAsync(Section, new SectionCursor(_sections[0].Id, Editing: false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var section = SectionAt(step.Options<SectionCursor>()!);
        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var question = _text.Format(PromptFor(section, draft.Answers), _options.FaqUrl);
        if (section.Input == SectionInput.Choice)
        {
            return await step.BeginDialogAsync(SectionChoice, ChoiceStepOptions.For(question, _text.Format(TextKey.PickOneAskAgain, question), ChoicesOf(section)), cancellationToken).ConfigureAwait(false);
        }

        var prompt = Replies.WithChoices(question, section.Choices.Select(c => _text[c.Title]));
        if (section.Input == SectionInput.Account && !step.Options<SectionCursor>()!.Editing && section.Read(draft.Answers).Texts is { Count: > 0 } given)
        {
            // Started from a first message: the account goes on from it, and says so.
            var continuing = new PromptOptions { Prompt = Replies.WithChoices(_text[TextKey.AccountContinues]) };
            return await step.BeginDialogAsync(AccountPromptId(section), new AccountPrompt.Continuing(continuing, given), cancellationToken).ConfigureAwait(false);
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
            SectionInput.Account => AccountPromptId(section),
            SectionInput.Evidence => EvidencePromptId,
            _ when section.Optional => OptionalText,
            _ when section.Id == IntakeSection.WhenId => RequiredWhen,
            _ => RequiredText,
        };
        return await step.PromptAsync(promptId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Someone who saw it happen to another person is asked about them, not about themselves.</summary>
    private TextKey PromptFor(IntakeSection section, IntakeAnswers answers)
        => section.ForBystander is { } bystander && IsBystander(answers) ? bystander.Prompt : section.Prompt;

    private TextKey TitleFor(IntakeSection section, IntakeAnswers answers)
        => section.ForBystander is { } bystander && IsBystander(answers) ? bystander.Title : section.Title;

    private static bool IsBystander(IntakeAnswers answers) => answers.Bystander;

    /// <summary>A section's choices with the short forms the catalog gives each ("yeah", "to me").</summary>
    private IReadOnlyList<Choice> ChoicesOf(IntakeSection section)
        => [.. section.Choices.Select(c => new Choice(c.Id, _text[c.Title], _text.ShortForms(c.Title)))];

    /// <summary>The stored name of a choice made; a choice step saved before choices had stored names
    /// sent its catalog key, so its place in the list says which.</summary>
    private static string ChoiceIdOf(IntakeSection section, PickedChoice choice)
        => section.Choices.Any(c => string.Equals(c.Id, choice.Id, StringComparison.Ordinal)) || choice.Index < 0 || choice.Index >= section.Choices.Count
            ? choice.Id
            : section.Choices[choice.Index].Id;

    /// <summary>The section a cursor is at: by its id, or for a draft saved with a numbered cursor, by
    /// the id that number had then.</summary>
    private IntakeSection SectionAt(SectionCursor cursor)
    {
        var id = cursor.Id ?? (_flow.SavedPositions ?? [.. _sections.Select(s => s.Id)])[cursor.Index ?? 0];
        return _sections.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal)) ?? _sections[0];
    }

    /// <summary>What was typed at a choice of the intake that is not one of its choices is part of the
    /// account (an answer typed ahead, more of what happened): it joins the account, so nothing is
    /// dropped, and the question is asked again. A word or two is not kept: it was a try at an answer.</summary>
    private async Task<string?> KeepTypedAheadAsync(ITurnContext turn, string said, string question, CancellationToken cancellationToken)
    {
        var draft = await _state.GetDraftAsync(turn, cancellationToken).ConfigureAwait(false);
        var given = AccountSection.Read(draft.Answers).Texts;
        // Nothing is kept before there is an account, nor in notes the person has not agreed to.
        var mayKeep = given.Count > 0 && (draft.Kind != CaseKind.TakenByResponder || draft.Answers.Consent == ConsentAnswer.Agreed);
        if (!mayKeep || said.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= TypedAheadWords || given.Count >= _accountLimit || IsControlWord(said))
        {
            return null;
        }

        draft.Answers = AccountSection.Write(draft.Answers, new SectionAnswer(null, [.. given, said]));
        return _text.Format(TextKey.ChoiceKeptAskAgain, question);
    }

    private async Task<DialogTurnResult> SaveSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var cursor = step.Options<SectionCursor>()!;
        var section = SectionAt(cursor);
        var answer = step.Result switch
        {
            List<string> messages => new SectionAnswer(null, messages),
            PickedChoice choice => new SectionAnswer(ChoiceIdOf(section, choice), []),
            string said when section.Optional && _text.IsNothing(said) => SectionAnswer.None,
            string said when ChoiceMatcher.Match(_text, said, ChoicesOf(section), freeText: true) is { } suggested => new SectionAnswer(suggested.Id, []),
            string said => new SectionAnswer(null, [said]),
            _ => SectionAnswer.None,
        };
        await SaveAnswerAsync(step.Context, section, answer, cancellationToken).ConfigureAwait(false);
        var answers = (await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false)).Answers;

        if (section.Id == IntakeSection.SafeNowId && answers.NotSafeNow)
        {
            (await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false)).SafetyConcern = true;
            return await step.ReplaceDialogAsync(SafetyWait, cursor, cancellationToken).ConfigureAwait(false);
        }

        if (section.Id == IntakeSection.ContactId && answers.ContactChoice == ContactAnswer.Email)
        {
            return await step.ReplaceDialogAsync(ContactEmail, cursor, cancellationToken).ConfigureAwait(false);
        }

        if (section.Id == IntakeSection.ContactId && answers.NoContact)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text[TextKey.NoContactNoted]), cancellationToken).ConfigureAwait(false);
        }

        return await NextSectionAsync(step, cursor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> NextSectionAsync(WaterfallStepContext<NoValues> step, SectionCursor cursor, CancellationToken cancellationToken)
    {
        var next = _sections.ToList().IndexOf(SectionAt(cursor)) + 1;
        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        if (next < _sections.Count && _sections[next].Id == IntakeSection.SafeTimesId && draft.Answers.NoContact)
        {
            // Someone who asked not to be contacted is not asked when to be contacted.
            next++;
        }

        return cursor.Editing || next >= _sections.Count
            ? await step.ReplaceDialogAsync(Review, null, cancellationToken).ConfigureAwait(false)
            : await step.ReplaceDialogAsync(Section, new SectionCursor(_sections[next].Id, Editing: false), cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> AskEmailStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
        => step.PromptAsync(EmailPrompt, new PromptOptions
        {
            Prompt = MessageFactory.Text(_text[TextKey.AskContactEmail]),
            RetryPrompt = MessageFactory.Text(_text[TextKey.ContactEmailInvalid]),
        }, cancellationToken);

    private async Task<DialogTurnResult> SaveEmailStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var cursor = step.Options<SectionCursor>()!;
        await SaveAnswerAsync(step.Context, SectionAt(cursor), new SectionAnswer(ContactAnswer.Email.ToStoredName(), [(string)step.Result!]), cancellationToken).ConfigureAwait(false);
        return await NextSectionAsync(step, cursor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The urgent-help contact, then nothing more is asked until the person says they want
    /// to carry on; what they have told so far stays in the draft.</summary>
    private Task<DialogTurnResult> AskCarryOnStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var wait = _text.Format(TextKey.UrgentHelpWait, _options.UrgentHelp);
        return step.BeginDialogAsync(Choice, ChoiceStepOptions.For(wait, wait, CarryOnChoices()), cancellationToken);
    }

    /// <summary>"carry on", by button or typed, or a way of saying it ("continue", "I'm ready").</summary>
    private IReadOnlyList<Choice> CarryOnChoices()
        => [new(nameof(TextKey.ChoiceCarryOn), _text[TextKey.ChoiceCarryOn], _text[TextKey.WordsCarryOn].Split('|'))];

    private bool IsCarryOn(string said) => ChoiceMatcher.Match(_text, said, CarryOnChoices()) is not null;

    private static bool AtSafetyWait(DialogContext innerDc) => innerDc.Stack.Any(d => d.Id == SafetyWait);

    /// <summary>What someone writes while the bot waits after the urgent-help contact is part of what
    /// happened (often what is going on right now): it joins the account at once, so nothing is lost
    /// if they never carry on, and they are told so, with the contact and the way on again. False when
    /// the account is full: the wait's question is asked again.</summary>
    private async Task<bool> KeepWhileWaitingAsync(ITurnContext turn, IntakeDraft draft, string said, CancellationToken cancellationToken)
    {
        var given = AccountSection.Read(draft.Answers).Texts;
        if (given.Count >= _accountLimit)
        {
            return false;
        }

        draft.Answers = AccountSection.Write(draft.Answers, new SectionAnswer(null, [.. given, said]));
        await turn.SendActivityAsync(ChoiceMessage.Create(_text, _text.Format(_flow.WaitKept, _options.UrgentHelp), CarryOnChoices()), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The part that holds the account in the person's own words (the reporter's "what happened",
    /// the responder's notes).</summary>
    private IntakeSection AccountSection => _sections.First(s => s.Input == SectionInput.Account);

    private Task<DialogTurnResult> CarryOnStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
        => NextSectionAsync(step, step.Options<SectionCursor>()!, cancellationToken);

    /// <summary>One address with a domain that has a dot: enough to catch a typo, without judging.</summary>
    private static bool IsEmailAddress(string said)
        => !said.Contains(' ', StringComparison.Ordinal)
            && System.Net.Mail.MailAddress.TryCreate(said, out var address)
            && string.Equals(address.Address, said, StringComparison.OrdinalIgnoreCase)
            && address.Host.Contains('.', StringComparison.Ordinal);

    private async Task<DialogTurnResult> ShowReviewStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var evidence = CaseDrafts.Evidence(step.Context, draft);
        await step.Context.SendActivityAsync(ReviewCard.Create(_text, ReviewContent(draft.Answers, evidence)), cancellationToken).ConfigureAwait(false);
        Choice[] actions =
        [
            new(ReviewCard.SubmitChoice, _text[TextKey.ChoiceSubmit]),
            new(ReviewCard.EditChoice, _text[TextKey.ChoiceEdit]),
            new(ReviewCard.DiscardChoice, _text[TextKey.ChoiceDiscard]),
        ];
        var review = ChoiceStepOptions.For(_text[TextKey.ReviewActions], _text[TextKey.ReviewPickAction], actions)
            .WithParts(ReviewCard.EditChoice, ReviewCard.PartChoices(ReviewContent(draft.Answers, evidence)));
        return await step.BeginDialogAsync(Choice, review, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ActOnReviewStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var picked = (PickedChoice)step.Result!;
        switch (picked.Id)
        {
            case ReviewCard.SubmitChoice:
                var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
                var record = await _drafts.SubmitAsync(step.Context, draft, cancellationToken).ConfigureAwait(false);
                await SendWithSupportAsync(step.Context, _text.Format(_flow.Receipt, record.Reference, _options.OwnerRole, _options.FaqUrl), cancellationToken).ConfigureAwait(false);
                if (_flow.Closing is { } closing)
                {
                    await step.Context.SendActivityAsync(MessageFactory.Text(Closing(closing, record.Reference)), cancellationToken).ConfigureAwait(false);
                }
                if (record.Kind == CaseKind.SelfReport)
                {
                    OwnerNotifier.Notify(step.Context, record.Owner, record.SafetyConcern ? TextKey.OwnerNewCaseSafetyConcern : TextKey.OwnerNewCase, record.Reference);
                }

                return await step.EndDialogAsync(Submitted, cancellationToken).ConfigureAwait(false);
            case ReviewCard.EditChoice when SectionById(picked.Part) is { } part:
                return await EditAsync(step, part, cancellationToken).ConfigureAwait(false);
            case ReviewCard.EditChoice:
                return await step.ReplaceDialogAsync(Edit, null, cancellationToken).ConfigureAwait(false);
            default:
                return await step.ReplaceDialogAsync(Discard, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<DialogTurnResult> AskWhichSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var parts = _sections.Select(s => new Choice(s.Id, _text[s.Title]));
        return step.BeginDialogAsync(Choice, ChoiceStepOptions.For(_text[TextKey.AskWhichSection], _text.Format(TextKey.PickOneAskAgain, _text[TextKey.AskWhichSection]), parts), cancellationToken);
    }

    private Task<DialogTurnResult> EditSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var picked = (PickedChoice)step.Result!;
        return EditAsync(step, SectionById(picked.Part) ?? SectionById(picked.Id) ?? _sections[picked.Index], cancellationToken);
    }

    private async Task<DialogTurnResult> EditAsync(WaterfallStepContext<NoValues> step, IntakeSection section, CancellationToken cancellationToken)
    {
        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var current = section.Shown(draft.Answers, _text);
        if (current.Count > 0)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text.Format(TextKey.CurrentAnswer, string.Join("\n\n", current))), cancellationToken).ConfigureAwait(false);
        }

        return await step.ReplaceDialogAsync(Section, new SectionCursor(section.Id, Editing: true), cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> ConfirmDiscardStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
        => step.Options<string>() == StopConfirmed
            ? step.NextAsync(new PickedChoice(nameof(TextKey.ChoiceDeleteDraft), 0, null), cancellationToken)
            : step.BeginDialogAsync(Choice, ChoiceStepOptions.For(
            _text[TextKey.ConfirmDiscard],
            _text.Format(TextKey.PickOneAskAgain, _text[TextKey.ConfirmDiscard]),
            [new(nameof(TextKey.ChoiceDeleteDraft), _text[TextKey.ChoiceDeleteDraft]), new(nameof(TextKey.ChoiceKeepDraft), _text[TextKey.ChoiceKeepDraft])]), cancellationToken);

    private async Task<DialogTurnResult> DiscardStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        if (((PickedChoice)step.Result!).Index != 0)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text[TextKey.DiscardCancelled]), cancellationToken).ConfigureAwait(false);
            return await step.ReplaceDialogAsync(Review, null, cancellationToken).ConfigureAwait(false);
        }

        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        await CaseDrafts.DiscardAsync(step.Context, draft, cancellationToken).ConfigureAwait(false);
        await step.Context.SendActivityAsync(MessageFactory.Text(PrivacyText.Discarded(_text, _retention)), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(Discarded, cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveAnswerAsync(ITurnContext turnContext, IntakeSection section, SectionAnswer answer, CancellationToken cancellationToken)
    {
        var draft = await _state.GetDraftAsync(turnContext, cancellationToken).ConfigureAwait(false);
        draft.Answers = section.Write(draft.Answers, answer);
    }

    /// <summary>The reference reserved for this intake's case, where its evidence is stored.</summary>
    private async Task<string> EnsureCaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => CaseDrafts.Reserve(await _state.GetDraftAsync(turnContext, cancellationToken).ConfigureAwait(false));

    private static async Task RepromptAfterAsync(DialogContext innerDc, string message, CancellationToken cancellationToken)
    {
        await innerDc.Context.SendActivityAsync(MessageFactory.Text(message), cancellationToken).ConfigureAwait(false);
        await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
    }


    private IReadOnlyList<Choice> StopChoices()
        => [new(nameof(TextKey.ChoiceKeepPaused), _text[TextKey.ChoiceKeepPaused]), new(nameof(TextKey.ChoiceDeleteDraft), _text[TextKey.ChoiceDeleteDraft])];

    /// <summary>The answer to "keep it paused or delete it?". False when the message was something
    /// else: the question lapses and the message is taken as usual.</summary>
    private async Task<bool> StopAnsweredAsync(DialogContext innerDc, IntakeDraft draft, CancellationToken cancellationToken)
    {
        var turn = innerDc.Context;
        var choices = StopChoices();
        var picked = ChoiceMatcher.Match(CardSubmission.Read(turn.Activity.Value), choices) ?? ChoiceMatcher.Match(_text, turn.Activity.Text, choices);
        if (picked is null)
        {
            return false;
        }

        if (picked == choices[0])
        {
            draft.Paused = true;
            await SendWithSupportAsync(turn, _text[TextKey.Paused], cancellationToken).ConfigureAwait(false);
            return true;
        }

        // Deleting was the choice just made: the discard runs without asking a second time.
        await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        await innerDc.BeginDialogAsync(Discard, StopConfirmed, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The message that ends a pause is used: files are stored, text at a step that takes
    /// text is its answer. True when the message was handled here.</summary>
    private async Task<bool> ResumeAsync(DialogContext innerDc, string? said, CancellationToken cancellationToken)
    {
        var turn = innerDc.Context;
        if (EvidenceIntake.HasFiles(turn.Activity))
        {
            var replies = await _evidence.TakeAsync(turn, await EnsureCaseAsync(turn, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            await turn.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r))], cancellationToken).ConfigureAwait(false);
            await ShowWhereWeAreAsync(innerDc, _text.Format(TextKey.WelcomeBackKeptFiles, replies.Count), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (IsControlWord(said) || (AtSafetyWait(innerDc) && !string.IsNullOrEmpty(said)))
        {
            // At the wait after the urgent-help contact, text is kept (or carries on) as it would be unpaused.
            return false;
        }

        var active = innerDc.ActiveDialog?.Id;
        var takesText = active is RequiredText or RequiredWhen or OptionalText || (active?.StartsWith("account:", StringComparison.Ordinal) ?? false);
        if (takesText && !string.IsNullOrEmpty(said))
        {
            await turn.SendActivityAsync(MessageFactory.Text(_text[TextKey.WelcomeBackKeptText]), cancellationToken).ConfigureAwait(false);
            return false;
        }

        await ShowWhereWeAreAsync(innerDc, _text[TextKey.WelcomeBack], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A message, then the open question again; at the review, the review card again.</summary>
    private static async Task ShowWhereWeAreAsync(DialogContext innerDc, string message, CancellationToken cancellationToken)
    {
        if (innerDc.Stack.LastOrDefault()?.Id == Review)
        {
            await innerDc.Context.SendActivityAsync(MessageFactory.Text(message), cancellationToken).ConfigureAwait(false);
            await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
            await innerDc.BeginDialogAsync(Review, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RepromptAfterAsync(innerDc, message, cancellationToken).ConfigureAwait(false);
    }

    private bool IsControlWord(string? said)
        => new[] { TextKey.ChoiceHelp, TextKey.ChoicePause, TextKey.ChoiceStop, TextKey.ChoicePrivacy, TextKey.ChoiceReport, TextKey.ChoiceTakeReport, TextKey.ChoiceTips, TextKey.ChoiceSubmit, TextKey.ChoiceDone, TextKey.ChoiceSkip }
            .Any(word => _text.IsWord(said, word));

    /// <summary>A message followed by the support resource, when one is configured.</summary>
    private async Task SendWithSupportAsync(ITurnContext turn, string message, CancellationToken cancellationToken)
    {
        IActivity[] messages = string.IsNullOrWhiteSpace(_options.SupportResource)
            ? [MessageFactory.Text(message)]
            : [MessageFactory.Text(message), MessageFactory.Text(_text.Format(TextKey.SupportLine, _options.SupportResource))];
        await turn.SendActivitiesAsync(messages, cancellationToken).ConfigureAwait(false);
    }

    private IntakeSection? SectionById(string? id) => _sections.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>The review card's content: every part with its answer, evidence as names and sizes.</summary>
    private ReviewCardContent ReviewContent(IntakeAnswers answers, IReadOnlyList<EvidenceItem> evidence)
        => new(
            _text[_flow.ReviewCardTitle],
            _text[_flow.ReviewCardClassification],
            _text.Format(TextKey.ReviewWhoReceives, _options.OwnerRole),
            [.. _sections.Select(s => new CardPart(
                s.Id,
                _text[TitleFor(s, answers)],
                s.Input == SectionInput.Evidence ? [.. evidence.Select(e => $"{e.SafeName} ({Sizes.Format(_text, e.Size)})")] : s.Shown(answers, _text)))]);

    /// <summary>What a responder can tell the person before they part, with the support line only
    /// when one is configured.</summary>
    private string Closing((TextKey WithSupport, TextKey WithoutSupport) closing, string reference)
        => string.IsNullOrWhiteSpace(_options.SupportResource)
            ? _text.Format(closing.WithoutSupport, reference, _options.FaqUrl)
            : _text.Format(closing.WithSupport, reference, _options.FaqUrl, _options.SupportResource);

    private static string AccountPromptId(IntakeSection section) => $"account:{section.Id}";

    /// <summary>Where the section loop is: which section (by id, so that a question added or moved
    /// leaves a draft in progress at its question), and whether it returns to the review. A draft
    /// saved when the cursor was a position has only <see cref="Index"/>.</summary>
    private sealed record SectionCursor(string? Id, bool Editing)
    {
        public int? Index { get; init; }
    }

    /// <summary>These waterfalls keep their values in the intake draft, not in the dialog.</summary>
    private sealed record NoValues;
}
