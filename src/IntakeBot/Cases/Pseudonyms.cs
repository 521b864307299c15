using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IntakeBot.Cases;

/// <summary>The pseudonym that stands for a confidential case's reporter ("Reporter R-4K2F"), and the
/// replacing of what names the reporter (object id, Teams id, display name) with it in what handlers read.</summary>
public static class Pseudonyms
{
    private const string Prefix = "Reporter R-";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Random, so that two cases of one reporter do not look alike.</summary>
    public static string New()
        => $"{Prefix}{string.Concat(Enumerable.Range(0, 4).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]))}";

    /// <summary>True for a pseudonym; an AAD object id or roster entry never is one.</summary>
    public static bool IsPseudonym(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary><paramref name="text"/> with each of <paramref name="markers"/> (longest first, as whole
    /// words, in any case) replaced by <paramref name="pseudonym"/>.</summary>
    public static string? Hide(string? text, IEnumerable<string> markers, string pseudonym)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var marker in markers.Where(m => m.Length > 0).OrderByDescending(m => m.Length))
        {
            text = Regex.Replace(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(marker)}(?![\p{{L}}\p{{N}}])", pseudonym.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return text;
    }

    /// <summary>A transcript line with the reporter replaced: who sent it and what it says.</summary>
    public static TranscriptEntry Hide(TranscriptEntry entry, IEnumerable<string> markers, string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var list = markers.ToList();
        return entry with { From = Hide(entry.From, list, pseudonym), Text = Hide(entry.Text, list, pseudonym) };
    }

    /// <summary>A value (answers, an evidence item) with the reporter replaced in every string it holds.</summary>
    public static T Hide<T>(T value, IEnumerable<string> markers, string pseudonym)
    {
        var list = markers.ToList();
        var element = JsonSerializer.SerializeToNode(value, BlobCaseStore.Json);
        return HideNode(element, list, pseudonym) is { } hidden ? hidden.Deserialize<T>(BlobCaseStore.Json)! : value;
    }

    private static System.Text.Json.Nodes.JsonNode? HideNode(System.Text.Json.Nodes.JsonNode? node, List<string> markers, string pseudonym)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    obj[key] = HideNode(obj[key]?.DeepClone(), markers, pseudonym);
                }

                return obj;
            case System.Text.Json.Nodes.JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = HideNode(array[i]?.DeepClone(), markers, pseudonym);
                }

                return array;
            case System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var text):
                return System.Text.Json.Nodes.JsonValue.Create(Hide(text, markers, pseudonym));
            default:
                return node;
        }
    }
}
