using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>Asks for one of a list of choices the way Teams can show them (<see cref="ChoiceMessage"/>):
/// a card button press (a message with a value and no text) or the choice typed as its number, title
/// or name. Anything else gets the question again with a kind word, never "no words received".</summary>
public sealed class ChoiceStepPrompt(string id, TextCatalog text) : Dialog(id)
{
    private const string OptionsKey = "options";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var stepOptions = options as ChoiceStepOptions ?? throw new ArgumentException("A choice step is begun with ChoiceStepOptions.", nameof(options));
        dc.ActiveDialog!.Write(OptionsKey, stepOptions);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var activity = dc.Context.Activity;
        if (activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var options = dc.ActiveDialog!.Read<ChoiceStepOptions>(OptionsKey);
        var choices = options.Choices();
        var submission = CardSubmission.Read(activity.Value);
        var picked = ChoiceMatcher.Match(submission, choices) ?? ChoiceMatcher.Match(text, activity.Text, choices);
        if (picked is not null)
        {
            var index = choices.ToList().IndexOf(picked);
            return await dc.EndDialogAsync(new PickedChoice(picked.Id, index, submission?.Part), cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendActivityAsync(ChoiceMessage.Create(text, options.Retry, choices), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        var options = instance.Read<ChoiceStepOptions>(OptionsKey);
        return turnContext.SendActivityAsync(ChoiceMessage.Create(text, options.Prompt, options.Choices()), cancellationToken);
    }
}
