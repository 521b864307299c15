using Microsoft.Extensions.Options;

namespace IntakeBot.Capture;

/// <summary>Refuses to start with a limit on kept messages that is not a positive number, or so large
/// that the state blob holding them (one per private chat, read on every turn) would grow past reason.</summary>
public sealed class CaptureOptionsValidator : IValidateOptions<CaptureOptions>
{
    public const int MaxPending = 100;

    public ValidateOptionsResult Validate(string? name, CaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxPending is >= 1 and <= MaxPending
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{CaptureOptions.Section}:{nameof(CaptureOptions.MaxPending)} must be between 1 and {MaxPending}.");
    }
}
