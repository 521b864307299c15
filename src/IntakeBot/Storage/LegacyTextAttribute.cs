namespace IntakeBot.Storage;

/// <summary>The display text a value was stored as before it had a stored name (the catalog wording of
/// its choice at the time). Read once, when an old record or draft is read; never written.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = true)]
public sealed class LegacyTextAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
