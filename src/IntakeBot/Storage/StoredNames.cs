using System.Text.Json;

namespace IntakeBot.Storage;

/// <summary>The names under which the values of an enum are stored in JSON, index tags and metadata:
/// the member name in lower kebab case (<c>InReview</c> is <c>in-review</c>), which is what the stored
/// strings were before they became enums. A member called <c>Unknown</c> has no stored name: it is
/// what a name this version does not know reads as (see <see cref="StoredEnumJsonConverter{TEnum}"/>).</summary>
public static class StoredNames
{
    public const string UnknownMember = "Unknown";

    /// <summary>The stored name of <paramref name="value"/>; throws for <c>Unknown</c>, which stands for
    /// a name written by another version and must not be written back as anything else.</summary>
    public static string ToStoredName<TEnum>(this TEnum value)
        where TEnum : struct, Enum
        => Names<TEnum>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new JsonException($"{typeof(TEnum).Name} value {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)} has no stored name; a value read from another version is never written back.");

    /// <summary>The stored name of <paramref name="value"/>, or <c>unknown</c> for a value read from another
    /// version: for what is shown, counted or recorded about a case, never for the case written back.</summary>
    public static string ToStoredNameOrUnknown<TEnum>(this TEnum value)
        where TEnum : struct, Enum
        => Names<TEnum>.ByValue.GetValueOrDefault(value, "unknown");

    /// <summary>The value stored as <paramref name="name"/> (exact, case-sensitive, as written).</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
        => Names<TEnum>.ByName.TryGetValue(name ?? string.Empty, out value);

    /// <summary>The value stored as <paramref name="name"/>, or <c>Unknown</c> for a name this version does
    /// not know (one written by a newer version).</summary>
    public static TEnum ParseOrUnknown<TEnum>(string? name)
        where TEnum : struct, Enum
        => TryParse<TEnum>(name, out var value) || TryParseLegacy(name, out value) ? value : Names<TEnum>.Unknown;

    /// <summary>The value once stored as its display text (<see cref="LegacyTextAttribute"/>), compared
    /// the way that text was compared when it was stored: in any case, with spaces, punctuation at
    /// either end and curly apostrophes forgiven.</summary>
    public static bool TryParseLegacy<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
        => Names<TEnum>.ByLegacyText.TryGetValue(LegacyKey(text), out value);

    private static string LegacyKey(string? text)
        => string.Join(' ', (text ?? string.Empty).Replace('\u2019', '\'').ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Trim('.', '!', '?', ',', ';', ':', ' ');

    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>()
            .Where(v => v.ToString() != UnknownMember)
            .ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly Dictionary<string, TEnum> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        public static readonly Dictionary<string, TEnum> ByLegacyText = ByValue.Keys
            .SelectMany(v => typeof(TEnum).GetField(v.ToString())!.GetCustomAttributes(typeof(LegacyTextAttribute), false)
                .Cast<LegacyTextAttribute>().Select(a => (Key: LegacyKey(a.Text), Value: v)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        public static readonly TEnum Unknown = Enum.TryParse<TEnum>(UnknownMember, out var unknown)
            ? unknown
            : throw new InvalidOperationException($"{typeof(TEnum).Name} needs an {UnknownMember} member to be stored.");
    }
}
