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
/// a new self-report), edit (a part named on the card, or the question which part) or discard.</summary>
internal sealed class ReviewDialog : WaterfallDialog<NoValues>
{
    public const string DialogId = "review";

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
        var draft = await _intake.DraftAsync(step.Context, cancellationToken).ConfigureAwait(false);
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
        return await step.BeginDialogAsync(IntakePrompts.Choice, review, cancellationToken).ConfigureAwait(false);
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
                    ConversationTurn.Of(step.Context).Notify(record.Owner, record.SafetyConcern ? TextKey.OwnerNewCaseSafetyConcern : TextKey.OwnerNewCase, record.Reference);
                }

                return await step.EndDialogAsync(IntakeDialog.Submitted, cancellationToken).ConfigureAwait(false);
            case ReviewCard.EditChoice when _intake.SectionById(picked.Part) is { } part:
                return await _edit.EditAsync(step, part, cancellationToken).ConfigureAwait(false);
            case ReviewCard.EditChoice:
                return await step.ReplaceDialogAsync(EditDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
            default:
                return await step.ReplaceDialogAsync(DiscardDialog.DialogId, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private TextKey TitleFor(IntakeSection section, IntakeAnswers answers)
        => section.ForBystander is { } bystander && answers.Bystander ? bystander.Title : section.Title;

    /// <summary>The review card's content: every part with its answer, evidence as names and sizes.</summary>
    private ReviewCardContent ReviewContent(IntakeAnswers answers, IReadOnlyList<EvidenceItem> evidence)
        => new(
            _text[_intake.Flow.ReviewCardTitle],
            _text[_intake.Flow.ReviewCardClassification],
            _text.Format(TextKey.ReviewWhoReceives, _intake.Options.OwnerRole),
            [.. _intake.Sections.Select(s => new CardPart(
                s.Id,
                _text[TitleFor(s, answers)],
                s.Input == SectionInput.Evidence ? [.. evidence.Select(e => $"{e.SafeName} ({Sizes.Format(_text, e.Size)})")] : s.Shown(answers, _text)))]);

    /// <summary>What a responder can tell the person before they part, with the support line only
    /// when one is configured.</summary>
    private string Closing((TextKey WithSupport, TextKey WithoutSupport) closing, string reference)
        => string.IsNullOrWhiteSpace(_intake.Options.SupportResource)
            ? _text.Format(closing.WithoutSupport, reference, _intake.Options.FaqUrl)
            : _text.Format(closing.WithSupport, reference, _intake.Options.FaqUrl, _intake.Options.SupportResource);
}
