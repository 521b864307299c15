namespace IntakeBot.Capture;

/// <summary>Why an action invoke kept nothing; a fixed word, safe to log.</summary>
public enum CaptureRefusal
{
    None,
    UnknownCommand,
    NoIdentity,
    NoMessage,
    NoBody,
    TooLarge,
}
