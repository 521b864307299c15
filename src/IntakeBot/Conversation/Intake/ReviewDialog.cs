using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Responders;
using IntakeBot.Storage;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>The review: the whole report on a card, then submit (the receipt, and the owner told of
/// a new self-report), edit (a part named on the card, or the question which part), remove a piece of
/// evidence ("remove 2" or its button; the review is shown again) or discard.</summary>
internal sealed class ReviewDialog : WaterfallDialog<NoValues>
{
    public const string DialogId = "review";

    /// <summary>Fewer words than this typed at the review are a try at a choice, not words to keep.</summary>
    private const int KeptWords = 3;

    private readonly IntakeCommon _intake;
    private readonly EditDialog _edit;
    private readonly TextCatalog _text;

    public ReviewDialog(IntakeCommon intake, EditDialog edit)
        : base(DialogId)
    {
        _intake = intake;
        _edit = edit;
        _text = intake.Text;
        AddStep(ShowReviewStepAsync);
        AddStep(ActOnReviewStepAsync);
    }

    private async Task<DialogTurnResult> ShowReviewStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var (content, evidence) = await ShowAsync(step.Context, cancellationToken).ConfigureAwait(false);
        Choice[] actions =
        [
            new(ReviewCard.SubmitChoice, _text[TextKey.ChoiceSubmit], _text.ShortForms(TextKey.ChoiceSubmit)),
            new(ReviewCard.EditChoice, _text[TextKey.ChoiceEdit], _text.ShortForms(TextKey.ChoiceEdit)),
            new(ReviewCard.DiscardChoice, _text[TextKey.ChoiceDiscard]),
        ];
        var review = ChoiceStepOptions.For(_text[TextKey.ReviewActions], _text[TextKey.ReviewPickAction], actions)
            .WithParts(ReviewCard.EditChoice, ReviewCard.PartChoices(content))
            .WithItems(ReviewCard.RemoveChoice, evidence.Select(e => e.BlobName));
        review.ShownOnCard = true;
        return await step.BeginDialogAsync(IntakePrompts.Choice, review, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The review card as the report now stands: shown when the review begins, and again
    /// whenever its question is asked again (after help, a question answered, a pause).</summary>
    public Task ShowCardAsync(ITurnContext turn, CancellationToken cancellationToken) => ShowAsync(turn, cancellationToken);

    private async Task<(ReviewCardContent Content, IReadOnlyList<EvidenceItem> Evidence)> ShowAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var draft = await _intake.DraftAsync(turn, cancellationToken).ConfigureAwait(false);
        var evidence = CaseDrafts.Evidence(turn, draft);
        var content = ReviewContent(draft, evidence);
        await turn.SendActivityAsync(ReviewCard.Create(_text, content), cancellationToken).ConfigureAwait(false);
        return (content, evidence);
    }

    /// <summary>What was typed at the review that is none of its choices is the person's own words:
    /// kept where it clearly belongs (when or how it is safe to contact them, where that is asked and
    /// they did not ask not to be contacted), else with the account (the responder's notes); the
    /// person is told where it went, and the review is shown again as it now stands. A word or two
    /// ("hmm", "the thing") is a try at a choice, not words to keep: the review asks again. Only the
    /// review keeps: the intake's other choices of its own (which part, discard, carry on) do not.
    /// "wait I got the date wrong" never comes here: it asks which part to change
    /// (<see cref="IntakeCommon.AsksToChange"/>).</summary>
    public async Task<string?> KeepTypedAsync(ITurnContext turn, string said, ChoiceStepOptions step, CancellationToken cancellationToken)
    {
        if (step.PartChoice != ReviewCard.EditChoice || said.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < KeptWords || _intake.IsControlWord(said))
        {
            return null;
        }

        var draft = await _intake.DraftAsync(turn, cancellationToken).ConfigureAwait(false);
        if (_intake.SectionById(IntakeSection.SafeTimesId) is { } times && !draft.Answers.NoContact && ContactTimes.Says(_text, said))
        {
            var before = times.Read(draft.Answers).Texts;
            draft.Answers = times.Write(draft.Answers, new SectionAnswer(null, [string.Join("\n\n", [.. before, said])]));
            return _text.Format(TextKey.ReviewKeptInPart, _text[times.Title]);
        }

        return await _intake.KeepInAccountAsync(turn, said, cancellationToken).ConfigureAwait(false) ? _intake.KeptInAccount : null;
    }

    private async Task<DialogTurnResult> ActOnReviewStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var picked = (PickedChoice)step.Result!;
        switch (picked.Id)
        {
            case ReviewCard.SubmitChoice:
                var draft = await _intake.DraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
                var record = await _intake.Drafts.SubmitAsync(step.Context, draft, cancellationToken).ConfigureAwait(false);
                await _intake.SendWithSupportAsync(step.Context, _text.Format(_intake.Flow.Receipt, record.Reference, _intake.Options.OwnerRole, _intake.Options.FaqUrl), cancellationToken).ConfigureAwait(false);
                if (_intake.Flow.Closing is { } closing)
                {
                    await step.Context.SendActivityAsync(MessageFactory.Text(Closing(closing, record.Reference)), cancellationToken).ConfigureAwait(false);
                }
                if (record.Kind == CaseKind.SelfReport)
                {
                    ConversationTurn.Of(step.Context).Notify(record.Owner, NewCaseNotice(record), record.Reference, keepSender: record.SealedReporter is null, followsOn: record.FollowsOn);
                }

                return await step.EndDialogAsync(IntakeDialog.Submitted, cancellationToken).ConfigureAwait(false);
            case ReviewCard.EditChoice when _intake.SectionById(picked.Part) is { } part:
                return await _edit.EditAsync(step, part, cancellationToken).ConfigureAwait(false);
            case ReviewCard.EditChoice:
                return await step.ReplaceDialogAsync(EditDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
            case ReviewCard.RemoveChoice:
                await RemoveAsync(step.Context, picked.Part, cancellationToken).ConfigureAwait(false);
                return await step.ReplaceDialogAsync(DialogId, null, cancellationToken).ConfigureAwait(false);
            default:
                return await step.ReplaceDialogAsync(DiscardDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What the owner is told of a new report: a follow-on says which case it follows on, and a
    /// safety concern is said first.</summary>
    private static TextKey NewCaseNotice(CaseRecord record) => (record.FollowsOn, record.SafetyConcern) switch
    {
        (null, false) => TextKey.OwnerNewCase,
        (null, true) => TextKey.OwnerNewCaseSafetyConcern,
        (_, false) => TextKey.OwnerNewFollowOn,
        _ => TextKey.OwnerNewFollowOnSafetyConcern,
    };

    /// <summary>Takes a piece of evidence out and says so, or says why nothing was taken out; the
    /// review is then shown again as it now stands.</summary>
    private async Task RemoveAsync(ITurnContext turn, string? blobName, CancellationToken cancellationToken)
    {
        var draft = await _intake.DraftAsync(turn, cancellationToken).ConfigureAwait(false);
        var removed = blobName is null ? null : CaseDrafts.RemoveEvidence(draft, blobName);
        var number = ItemNumber.First(turn.Activity.Text);
        var said = removed is not null ? _text.Format(TextKey.EvidenceRemoved, removed.SafeName)
            : draft.Evidence.Count == 0 ? _text[TextKey.EvidenceNoneToRemove]
            : number is not null ? _text.Format(TextKey.EvidenceNoSuchItem, number)
            : _text[TextKey.EvidenceRemoveWhich];
        await turn.SendActivityAsync(MessageFactory.Text(said), cancellationToken).ConfigureAwait(false);
    }

    private TextKey TitleFor(IntakeSection section, IntakeAnswers answers)
        => section.ForBystander is { } bystander && answers.Bystander ? bystander.Title : section.Title;

    /// <summary>The review card's content: every part with its answer, evidence as names and sizes.</summary>
    private ReviewCardContent ReviewContent(IntakeDraft draft, IReadOnlyList<EvidenceItem> evidence)
        => new(
            _text[_intake.Flow.ReviewIntro],
            _text[_intake.Flow.ReviewCardTitle],
            _text[_intake.Flow.ReviewCardClassification],
            WhoReceives(draft),
            [.. _intake.Sections.Select(s => s.Input == SectionInput.Evidence
                ? new CardPart(s.Id, _text[TitleFor(s, draft.Answers)], [.. evidence.Select(e => $"{e.SafeName} ({Sizes.Format(_text, e.Size)})")], [.. evidence.Select(e => e.BlobName)])
                : new CardPart(s.Id, _text[TitleFor(s, draft.Answers)], s.Shown(draft.Answers, _text)))],
            evidence.Count == 0 ? _text[TextKey.ReviewCardHow] : $"{_text[TextKey.ReviewCardHow]} {_text[TextKey.ReviewCardHowRemove]}");

    /// <summary>Who reads it once submitted, and whether they see who sent it; where confidential reporting
    /// is configured, the offer of it (or of going back to named) is made here again. A follow-on says it
    /// goes the way the case it follows on from went.</summary>
    private string WhoReceives(IntakeDraft draft)
    {
        var owner = _intake.Options.OwnerRole;
        if (!_intake.OffersConfidential)
        {
            return _text.Format(_intake.Flow.ReviewWhoReceives, owner, draft.FollowsOn ?? string.Empty);
        }

        return draft.Identity == IdentityChoice.Confidential
            ? _text.Format(TextKey.ReviewWhoReceivesConfidential, owner)
            : $"{_text.Format(_intake.Flow.ReviewWhoReceives, owner)} {_text[TextKey.ReviewConfidentialOffer]}";
    }

    /// <summary>What a responder can tell the person before they part, with the support line only
    /// when one is configured.</summary>
    private string Closing((TextKey WithSupport, TextKey WithoutSupport) closing, string reference)
        => string.IsNullOrWhiteSpace(_intake.Options.SupportResource)
            ? _text.Format(closing.WithoutSupport, reference, _intake.Options.FaqUrl)
            : _text.Format(closing.WithSupport, reference, _intake.Options.FaqUrl, _intake.Options.SupportResource);

}
