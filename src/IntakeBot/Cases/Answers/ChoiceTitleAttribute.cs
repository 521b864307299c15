using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>The catalog entry that names a stored answer wherever it is shown: the wording can change
/// (or be translated) without changing what a stored answer means.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ChoiceTitleAttribute(TextKey title) : Attribute
{
    public TextKey Title { get; } = title;
}
