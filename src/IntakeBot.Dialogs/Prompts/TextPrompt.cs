using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs.Prompts;

/// <summary>Asks for text; any message with non-blank text is recognised.</summary>
public sealed class TextPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    protected override PromptRecognizerResult<string> Recognize(ITurnContext turnContext, PromptOptions options)
    {
        var text = turnContext.Activity.Text;
        return string.IsNullOrWhiteSpace(text) ? new(false) : new(true, text.Trim());
    }
}
