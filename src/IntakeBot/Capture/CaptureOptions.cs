namespace IntakeBot.Capture;

/// <summary>"Report this message": how many kept messages may wait in a person's private chat for them
/// to decide about. Checked at start-up by <see cref="CaptureOptionsValidator"/>.</summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>Kept messages waiting at once; the next one is not kept, and the pop-up says why.</summary>
    public int MaxPending { get; set; } = 20;
}
