using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>After "not safe right now": the urgent-help contact, then nothing more is asked until the
/// person says they want to carry on; what they have told so far stays in the draft, and what they
/// write meanwhile joins the account (<see cref="KeepWhileWaitingAsync"/>). Its options are the safety
/// section's <see cref="SectionCursor"/>.</summary>
internal sealed class SafetyWaitDialog : WaterfallDialog<NoValues>
{
    public const string DialogId = "safety-wait";

    private readonly IntakeCommon _intake;
    private readonly TextCatalog _text;

    public SafetyWaitDialog(IntakeCommon intake)
        : base(DialogId)
    {
        _intake = intake;
        _text = intake.Text;
        AddStep(AskCarryOnStepAsync);
        AddStep(CarryOnStepAsync);
    }

    public static bool IsWaiting(DialogContext innerDc) => innerDc.Stack.Any(d => d.Id == DialogId);

    /// <summary>"carry on", by button or typed, or a way of saying it ("continue", "I'm ready").</summary>
    public bool IsCarryOn(string said) => ChoiceMatcher.Match(_text, said, CarryOnChoices()) is not null;

    /// <summary>What someone writes while the bot waits after the urgent-help contact is part of what
    /// happened (often what is going on right now): it joins the account at once, so nothing is lost
    /// if they never carry on, and they are told so, with the contact and the way on again. False when
    /// the account is full: the wait's question is asked again.</summary>
    public async Task<bool> KeepWhileWaitingAsync(ITurnContext turn, IntakeDraft draft, string said, CancellationToken cancellationToken)
    {
        var given = _intake.AccountSection.Read(draft.Answers).Texts;
        if (given.Count >= _intake.AccountLimit)
        {
            return false;
        }

        draft.Answers = _intake.AccountSection.WithTextAdded(draft.Answers, said);
        await turn.SendActivityAsync(ChoiceMessage.Create(_text, _text.Format(_intake.Flow.WaitKept, _intake.Options.UrgentHelp), CarryOnChoices()), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private Task<DialogTurnResult> AskCarryOnStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var wait = _text.Format(TextKey.UrgentHelpWait, _intake.Options.UrgentHelp);
        return step.BeginDialogAsync(IntakePrompts.Choice, ChoiceStepOptions.For(wait, wait, CarryOnChoices()), cancellationToken);
    }

    private Task<DialogTurnResult> CarryOnStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
        => _intake.NextSectionAsync(step, step.Options<SectionCursor>()!, cancellationToken);

    private IReadOnlyList<Choice> CarryOnChoices()
        => [new(nameof(TextKey.ChoiceCarryOn), _text[TextKey.ChoiceCarryOn], _text[TextKey.WordsCarryOn].Split('|'))];
}
