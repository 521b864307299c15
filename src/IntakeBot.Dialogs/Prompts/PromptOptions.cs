using Microsoft.Bot.Schema;

namespace IntakeBot.Dialogs.Prompts;

/// <summary>What a prompt says, what it says when the answer did not fit, and the choices it offers.
/// Kept in the prompt's state so that a reprompt after a restart says the same thing.</summary>
public sealed record PromptOptions
{
    public Activity? Prompt { get; init; }

    public Activity? RetryPrompt { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];
}
