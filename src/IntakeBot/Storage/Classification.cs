namespace IntakeBot.Storage;

/// <summary>The label every blob that holds a case or a conversation carries in its metadata.</summary>
public static class Classification
{
    public const string HighlyConfidential = "HighlyConfidential";
}
