using System.Globalization;
using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs.Prompts;

public sealed record FoundChoice(string Value, int Index);

/// <summary>Asks the person to pick one of the options' choices, by its words (any case) or its
/// number in the list.</summary>
public sealed class ChoicePrompt(string id, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(id, validator)
{
    protected override PromptRecognizerResult<FoundChoice> Recognize(ITurnContext turnContext, PromptOptions options)
    {
        var text = turnContext.Activity.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new(false);
        }

        for (var i = 0; i < options.Choices.Count; i++)
        {
            if (string.Equals(options.Choices[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return new(true, new FoundChoice(options.Choices[i], i));
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= options.Choices.Count
            ? new(true, new FoundChoice(options.Choices[number - 1], number - 1))
            : new(false);
    }
}
