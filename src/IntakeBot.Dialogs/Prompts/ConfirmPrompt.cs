using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs.Prompts;

/// <summary>Asks a yes/no question. The first two choices of the options, when given, are the words
/// for yes and no; "yes", "y", "no" and "n" always work.</summary>
public sealed class ConfirmPrompt(string id, PromptValidator<bool>? validator = null) : Prompt<bool>(id, validator)
{
    private static readonly string[] DefaultChoices = ["Yes", "No"];

    protected override PromptRecognizerResult<bool> Recognize(ITurnContext turnContext, PromptOptions options)
    {
        var text = turnContext.Activity.Text?.Trim();
        var choices = Words(options);
        if (Matches(text, choices[0], "yes", "y"))
        {
            return new(true, true);
        }

        return Matches(text, choices[1], "no", "n") ? new(true, false) : new(false);
    }

    protected override IEnumerable<string> SuggestedActions(PromptOptions options) => Words(options);

    private static IReadOnlyList<string> Words(PromptOptions options)
        => options.Choices.Count >= 2 ? options.Choices : DefaultChoices;

    private static bool Matches(string? text, params string[] words)
        => text is not null && words.Any(w => string.Equals(w, text, StringComparison.OrdinalIgnoreCase));
}
