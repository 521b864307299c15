using System.Globalization;
using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>Asks for one of a list of choices the way Teams can show them (<see cref="ChoiceMessage"/>):
/// a card button press (a message with a value and no text) or the choice typed as its number, title,
/// name or a short form (<see cref="ChoiceMatcher"/>). Where the step has parts, a part's number or
/// name picks it. Anything else is first offered to <paramref name="keep"/> (the intake keeps an
/// answer typed ahead in the account, and says so), after <paramref name="asksToChange"/> has had
/// its say where the step has parts (a message asking to change an answer picks the part choice with no
/// part, which asks which part); what is not kept gets the question again with a
/// kind word, and from the second time the choices as buttons with one line of help. A question
/// asked on a card is asked again by showing the card again (<paramref name="card"/>), never as a
/// second bubble beside it.</summary>
public sealed class ChoiceStepPrompt(string id, TextCatalog text, ChoiceStepPrompt.Keep? keep = null, ChoiceStepPrompt.Card? card = null, Predicate<string>? asksToChange = null) : Dialog(id)
{
    /// <summary>Sends again the card a step's question is on (the review as it now stands).</summary>
    public delegate Task Card(ITurnContext turn, CancellationToken cancellationToken);

    /// <summary>Keeps a message that is not a choice of <paramref name="step"/> where it belongs; returns
    /// what to tell the person, or null when it was not kept.</summary>
    public delegate Task<string?> Keep(ITurnContext turn, string said, ChoiceStepOptions step, CancellationToken cancellationToken);

    private const string OptionsKey = "options";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var stepOptions = options as ChoiceStepOptions ?? throw new ArgumentException("A choice step is begun with ChoiceStepOptions.", nameof(options));
        dc.ActiveDialog!.Write(OptionsKey, stepOptions);
        if (!stepOptions.ShownOnCard)
        {
            await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        }

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
        var choices = WithShortForms(options.Choices());
        var parts = options.Parts();
        var submission = CardSubmission.Read(activity.Value);
        if (options.ItemChoice is { } itemChoice && (submission?.Choice == itemChoice || submission is null && IsRemove(activity.Text, out _)))
        {
            return await dc.EndDialogAsync(new PickedChoice(itemChoice, -1, submission?.Part ?? ItemTyped(activity.Text, options.ItemIds)), cancellationToken).ConfigureAwait(false);
        }

        if (ChoiceMatcher.Match(submission, choices) is { } pressed)
        {
            return await dc.EndDialogAsync(new PickedChoice(pressed.Id, IndexOf(choices, pressed), submission?.Part), cancellationToken).ConfigureAwait(false);
        }

        // Where parts are numbered (the review card), a number is a part; names are tried on both.
        var picked = parts.Count > 0
            ? ChoiceMatcher.Match(text, activity.Text, choices, freeText: true)
            : ChoiceMatcher.Match(text, activity.Text, choices);
        if (picked is not null)
        {
            return await dc.EndDialogAsync(new PickedChoice(picked.Id, IndexOf(choices, picked), null), cancellationToken).ConfigureAwait(false);
        }

        if (parts.Count > 0 && options.PartChoice is { } partChoice && ChoiceMatcher.Match(text, activity.Text, parts) is { } part)
        {
            return await dc.EndDialogAsync(new PickedChoice(partChoice, -1, part.Id), cancellationToken).ConfigureAwait(false);
        }

        var said = activity.Text?.Trim();
        if (options.PartChoice is { } change && !string.IsNullOrEmpty(said) && asksToChange?.Invoke(said) == true)
        {
            // "wait I got the date wrong": the question which part to change.
            return await dc.EndDialogAsync(new PickedChoice(change, -1, null), cancellationToken).ConfigureAwait(false);
        }

        if (keep is not null && !string.IsNullOrEmpty(said) && await keep(dc.Context, said, options, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            if (options.ShownOnCard && card is not null)
            {
                // Where the words went, then the card as it now stands, which carries the question.
                await dc.Context.SendActivityAsync(MessageFactory.Text(kept), cancellationToken).ConfigureAwait(false);
                await card(dc.Context, cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            }

            await dc.Context.SendActivityAsync(ChoiceMessage.Create(text, kept, choices), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        options.Refusals++;
        dc.ActiveDialog!.Write(OptionsKey, options);
        var refusal = options.Refusals == 1
            ? ChoiceMessage.Create(text, options.Retry, choices)
            : ChoiceMessage.Create(text, text.Format(TextKey.PickOneHelp, choices.Count, options.Prompt), choices);
        await dc.Context.SendActivityAsync(refusal, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        var options = instance.Read<ChoiceStepOptions>(OptionsKey);
        return options.ShownOnCard && card is not null
            ? card(turnContext, cancellationToken)
            : turnContext.SendActivityAsync(ChoiceMessage.Create(text, options.Prompt, options.Choices()), cancellationToken);
    }

    /// <summary>A step saved before short forms were kept named its choices by catalog key: the
    /// catalog gives their short forms.</summary>
    private IReadOnlyList<Choice> WithShortForms(IReadOnlyList<Choice> choices)
        => [.. choices.Select(c => c.ShortNames.Count == 0 && Enum.TryParse<TextKey>(c.Id, out var key) ? c with { ShortNames = text.ShortForms(key) } : c)];

    private static int IndexOf(IReadOnlyList<Choice> choices, Choice choice) => choices.ToList().IndexOf(choice);

    /// <summary>"remove 2", "Remove #2 please", "entfernen 1": the catalog's word for remove, then a
    /// number, or the word alone (<paramref name="number"/> is then 0).</summary>
    private bool IsRemove(string? said, out int number)
        => ItemNumber.TrySplit(text.Normalize(said), out var verb, out number) && text.IsWord(verb, TextKey.ChoiceRemove);

    /// <summary>The item "remove N" names, counted from 1; none when N is not one of them.</summary>
    private string? ItemTyped(string? said, IReadOnlyList<string> items)
        => IsRemove(said, out var number) && number >= 1 && number <= items.Count ? items[number - 1] : null;
}
