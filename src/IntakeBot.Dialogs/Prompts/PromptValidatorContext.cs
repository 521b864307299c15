using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs.Prompts;

public sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default);

/// <summary>What a validator sees: the recognised value, the options and how many tries there were.</summary>
public sealed class PromptValidatorContext<T>(ITurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
{
    public ITurnContext Context { get; } = context;

    public PromptRecognizerResult<T> Recognized { get; } = recognized;

    public PromptOptions Options { get; } = options;

    public int AttemptCount { get; } = attemptCount;
}

/// <summary>Returns true when the value is accepted; a validator that answers the person itself
/// (with <see cref="ITurnContext.SendActivityAsync(Microsoft.Bot.Schema.IActivity, CancellationToken)"/>)
/// stops the retry prompt from being sent as well.</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> context, CancellationToken cancellationToken);
