using System.Reflection;
using IntakeBot.Storage;
using IntakeBot.Text;

namespace IntakeBot.Cases.Answers;

/// <summary>The choices an answer enum offers, in declaration order, each with its stored name and
/// the catalog entry that shows it.</summary>
public static class ChoiceTitles
{
    public static IReadOnlyList<SectionChoice> Of<TEnum>()
        where TEnum : struct, Enum
        => Cache<TEnum>.Choices;

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<SectionChoice> Choices =
        [
            .. Enum.GetValues<TEnum>()
                .Select(v => (Value: v, Title: typeof(TEnum).GetField(v.ToString())!.GetCustomAttribute<ChoiceTitleAttribute>()))
                .Where(p => p.Title is not null)
                .Select(p => new SectionChoice(p.Value.ToStoredName(), p.Title!.Title)),
        ];
    }
}
