namespace IntakeBot.Conversation.Intake;

/// <summary>The intake's waterfalls keep their values in the intake draft, not in the dialog.</summary>
internal sealed record NoValues;
