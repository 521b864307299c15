using System.Globalization;
using System.Text.Json;

namespace IntakeBot.Conversation;

/// <summary>All bot wording, from the one resource file Text.json, so that it can be reviewed and
/// translated in one place and checked by the wording test.</summary>
public sealed class TextCatalog
{
    private readonly Dictionary<TextKey, string> _texts;

    private TextCatalog(Dictionary<TextKey, string> texts) => _texts = texts;

    public IReadOnlyDictionary<TextKey, string> All => _texts;

    public string this[TextKey key] => _texts[key];

    /// <summary>True when the person typed this word of the catalog (any case); typed words work
    /// whatever buttons are shown.</summary>
    public bool IsWord(string? said, TextKey word) => string.Equals(said, _texts[word], StringComparison.OrdinalIgnoreCase);

    public string Format(TextKey key, params object[] args) => string.Format(CultureInfo.InvariantCulture, _texts[key], args);

    /// <summary>Loads the catalog shipped in the assembly and fails at start-up if any entry is missing
    /// or unknown, so that no message can silently go out empty.</summary>
    public static TextCatalog Load()
    {
        using var stream = typeof(TextCatalog).Assembly.GetManifestResourceStream("IntakeBot.Conversation.Text.json")
            ?? throw new InvalidOperationException("The text catalog resource is missing from the build.");
        var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException("The text catalog is empty.");

        var texts = new Dictionary<TextKey, string>();
        foreach (var (name, text) in raw)
        {
            if (!Enum.TryParse<TextKey>(name, out var key) || string.IsNullOrWhiteSpace(text))
            {
                throw new InvalidOperationException($"The text catalog has an unknown or empty entry '{name}'.");
            }

            texts[key] = text;
        }

        var missing = Enum.GetValues<TextKey>().Where(k => !texts.ContainsKey(k)).ToList();
        return missing.Count == 0
            ? new TextCatalog(texts)
            : throw new InvalidOperationException($"The text catalog lacks: {string.Join(", ", missing)}.");
    }
}
