namespace IntakeBot.Bot;

/// <summary>Why an activity is not handled at all.</summary>
public enum ActivityRefusal
{
    None,
    OtherChannel,
    OtherTenant,
    NoConversationType,
}
