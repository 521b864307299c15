using IntakeBot.Cases;
using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using IntakeBot.Evidence;
using IntakeBot.Responders;
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
    private const string OptionalText = "optional-text";
    private const string Choice = "choice";
    private const string Welcome = "welcome";
    private const string Section = "section";
    private const string Review = "review";
    private const string Edit = "edit";
    private const string Discard = "discard";
    private const string EvidencePromptId = "evidence";

    private readonly TextCatalog _text;
    private readonly ConversationStateAccessors _state;
    private readonly CaseDrafts _drafts;
    private readonly IntakeOptions _options;
    private readonly EvidenceIntake _evidence;
    private readonly IntakeFlow _flow;
    private readonly IReadOnlyList<IntakeSection> _sections;

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

        AddDialog(new WaterfallDialog<NoValues>(Welcome, [WelcomeStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(Section, [AskSectionStepAsync, SaveSectionStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(Review, [ShowReviewStepAsync, ActOnReviewStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(Edit, [AskWhichSectionStepAsync, EditSectionStepAsync]));
        AddDialog(new WaterfallDialog<NoValues>(Discard, [ConfirmDiscardStepAsync, DiscardStepAsync]));
        AddDialog(new TextPrompt(RequiredText, RequiredAnswerAsync));
        AddDialog(new TextPrompt(OptionalText));
        AddDialog(new ChoicePrompt(Choice));
        foreach (var section in _sections.Where(s => s.Input == SectionInput.Account))
        {
            AddDialog(new AccountPrompt(AccountPromptId(section), _text, (turn, messages, ct) => SaveAnswerAsync(turn, section, messages, ct)));
        }

        AddDialog(new EvidencePrompt(EvidencePromptId, _text, _evidence, EnsureCaseAsync));

        InitialDialogId = Welcome;
    }

    protected override async Task<bool> OnInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var turn = innerDc.Context;
        var draft = await _state.GetDraftAsync(turn, cancellationToken).ConfigureAwait(false);
        if (draft.Paused)
        {
            draft.Paused = false;
            await RepromptAfterAsync(innerDc, _text[TextKey.WelcomeBack], cancellationToken).ConfigureAwait(false);
            return true;
        }

        // Files sent at any step are taken as evidence, and the step waits for its answer.
        if (EvidenceIntake.HasFiles(turn.Activity) && innerDc.ActiveDialog?.Id != EvidencePromptId)
        {
            var replies = await _evidence.TakeAsync(turn, await EnsureCaseAsync(turn, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            await turn.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r))], cancellationToken).ConfigureAwait(false);
            await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        var said = turn.Activity.Text?.Trim();
        if (_text.IsWord(said, TextKey.ChoiceHelp))
        {
            await RepromptAfterAsync(innerDc, _text.Format(TextKey.IntakeHelp, _options.FaqUrl), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_text.IsWord(said, TextKey.ChoicePause))
        {
            draft.Paused = true;
            await turn.SendActivityAsync(MessageFactory.Text(_text[TextKey.Paused]), cancellationToken).ConfigureAwait(false);
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

        return false;
    }

    private async Task<DialogTurnResult> WelcomeStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        draft.Kind = _flow.Kind;
        draft.Owner = step.Options<IntakeStart>()?.Owner;
        await step.Context.SendActivityAsync(MessageFactory.Text(_text.Format(_flow.Welcome, _options.FaqUrl)), cancellationToken).ConfigureAwait(false);
        return await step.ReplaceDialogAsync(Section, new SectionCursor(0, Editing: false), cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> AskSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var section = _sections[step.Options<SectionCursor>()!.Index];
        var question = _text.Format(section.Prompt, _options.FaqUrl);
        var prompt = Replies.WithChoices(question, section.Choices.Select(c => _text[c]));
        var options = new PromptOptions
        {
            Prompt = prompt,
            RetryPrompt = Replies.WithChoices(
                _text.Format(section.Input == SectionInput.Choice ? TextKey.PickOneAskAgain : TextKey.NoTextReceivedAskAgain, question),
                section.Choices.Select(c => _text[c])),
            Choices = [.. section.Choices.Select(c => _text[c])],
        };
        var promptId = section.Input switch
        {
            SectionInput.Account => AccountPromptId(section),
            SectionInput.Choice => Choice,
            SectionInput.Evidence => EvidencePromptId,
            _ when section.Optional => OptionalText,
            _ => RequiredText,
        };
        return step.PromptAsync(promptId, options, cancellationToken);
    }

    private async Task<DialogTurnResult> SaveSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var cursor = step.Options<SectionCursor>()!;
        var section = _sections[cursor.Index];
        IReadOnlyList<string> answer = step.Result switch
        {
            List<string> messages => messages,
            FoundChoice choice => [choice.Value],
            string said when section.Optional && _text.IsWord(said, TextKey.ChoiceSkip) => [],
            string said => [said],
            _ => [],
        };
        await SaveAnswerAsync(step.Context, section, answer, cancellationToken).ConfigureAwait(false);

        if (section.Id == IntakeSection.StillHappeningId && answer.Count == 1 && !_text.IsWord(answer[0], TextKey.ChoiceNo))
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text.Format(TextKey.UrgentHelp, _options.UrgentHelp)), cancellationToken).ConfigureAwait(false);
        }

        var next = cursor.Index + 1;
        return cursor.Editing || next >= _sections.Count
            ? await step.ReplaceDialogAsync(Review, null, cancellationToken).ConfigureAwait(false)
            : await step.ReplaceDialogAsync(Section, new SectionCursor(next, Editing: false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowReviewStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var evidence = CaseDrafts.Evidence(step.Context, draft);
        await step.Context.SendActivityAsync(Replies.ReviewCard(_text, _flow, draft.Answers, evidence), cancellationToken).ConfigureAwait(false);
        string[] actions = [_text[TextKey.ChoiceSubmit], _text[TextKey.ChoiceEdit], _text[TextKey.ChoiceDiscard]];
        return await step.PromptAsync(Choice, new PromptOptions
        {
            Prompt = Replies.WithChoices(_text[TextKey.ReviewActions], actions),
            RetryPrompt = Replies.WithChoices(_text[TextKey.ReviewPickAction], actions),
            Choices = actions,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ActOnReviewStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        switch (((FoundChoice)step.Result!).Index)
        {
            case 0:
                var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
                var record = await _drafts.SubmitAsync(step.Context, draft, cancellationToken).ConfigureAwait(false);
                await step.Context.SendActivityAsync(MessageFactory.Text(_text.Format(_flow.Receipt, record.Reference, _options.FaqUrl)), cancellationToken).ConfigureAwait(false);
                if (record.Kind == CaseKinds.SelfReport)
                {
                    OwnerNotifier.Notify(step.Context, record.Owner, TextKey.OwnerNewCase, record.Reference);
                }

                return await step.EndDialogAsync(Submitted, cancellationToken).ConfigureAwait(false);
            case 1:
                return await step.ReplaceDialogAsync(Edit, null, cancellationToken).ConfigureAwait(false);
            default:
                return await step.ReplaceDialogAsync(Discard, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<DialogTurnResult> AskWhichSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var titles = _sections.Select(s => _text[s.Title]).ToList();
        return step.PromptAsync(Choice, new PromptOptions
        {
            Prompt = Replies.WithChoices(_text[TextKey.AskWhichSection], titles),
            Choices = titles,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> EditSectionStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var index = ((FoundChoice)step.Result!).Index;
        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        var current = _sections[index].Read(draft.Answers);
        if (current.Count > 0)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text.Format(TextKey.CurrentAnswer, string.Join("\n\n", current))), cancellationToken).ConfigureAwait(false);
        }

        return await step.ReplaceDialogAsync(Section, new SectionCursor(index, Editing: true), cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> ConfirmDiscardStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
        => step.PromptAsync(Choice, new PromptOptions
        {
            Prompt = Replies.WithChoices(_text[TextKey.ConfirmDiscard], _text[TextKey.ChoiceDeleteDraft], _text[TextKey.ChoiceKeepDraft]),
            Choices = [_text[TextKey.ChoiceDeleteDraft], _text[TextKey.ChoiceKeepDraft]],
        }, cancellationToken);

    private async Task<DialogTurnResult> DiscardStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        if (((FoundChoice)step.Result!).Index != 0)
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(_text[TextKey.DiscardCancelled]), cancellationToken).ConfigureAwait(false);
            return await step.ReplaceDialogAsync(Review, null, cancellationToken).ConfigureAwait(false);
        }

        var draft = await _state.GetDraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
        await CaseDrafts.DiscardAsync(step.Context, draft, cancellationToken).ConfigureAwait(false);
        await step.Context.SendActivityAsync(MessageFactory.Text(_text[TextKey.Discarded]), cancellationToken).ConfigureAwait(false);
        return await step.EndDialogAsync(Discarded, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RequiredAnswerAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        if (prompt.Recognized.Succeeded && _text.IsWord(prompt.Recognized.Value, TextKey.ChoiceSkip))
        {
            await prompt.Context.SendActivityAsync(MessageFactory.Text(_text[TextKey.AnswerNeeded]), cancellationToken).ConfigureAwait(false);
            return false;
        }

        return prompt.Recognized.Succeeded;
    }

    private async Task SaveAnswerAsync(ITurnContext turnContext, IntakeSection section, IReadOnlyList<string> answer, CancellationToken cancellationToken)
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


    private static string AccountPromptId(IntakeSection section) => $"account:{section.Id}";

    /// <summary>Where the section loop is: which section, and whether it returns to the review.</summary>
    private sealed record SectionCursor(int Index, bool Editing);

    /// <summary>These waterfalls keep their values in the intake draft, not in the dialog.</summary>
    private sealed record NoValues;
}
