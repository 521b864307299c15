using System.Text.RegularExpressions;

namespace IntakeBot.Text;

/// <summary>A catalog entry as a pattern that finds it in a text the bot wrote, with what was put in
/// its placeholders: so that a question written in one language and kept in a dialog's state can be
/// asked again in another.</summary>
internal sealed class CatalogTemplate
{
    private static readonly Regex Placeholder = new(@"\{(?<index>\d+)(:[^}]*)?\}", RegexOptions.CultureInvariant);

    private readonly Regex _pattern;
    private readonly string _longestLiteral;

    public CatalogTemplate(TextKey key, string entry)
    {
        Key = key;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _longestLiteral = Placeholder.Replace(entry, "\0").Split('\0').MaxBy(l => l.Length) ?? string.Empty;
        var pattern = Placeholder.Replace(Regex.Escape(entry).Replace(@"\{", "{", StringComparison.Ordinal), m =>
        {
            var index = m.Groups["index"].Value;
            Arguments = Math.Max(Arguments, int.Parse(index, System.Globalization.CultureInfo.InvariantCulture) + 1);
            return seen.Add(index) ? $"(?<p{index}>[\\s\\S]*?)" : $"\\k<p{index}>";
        });
        _pattern = new Regex($"^{pattern}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }

    public TextKey Key { get; }

    /// <summary>How many arguments the entry is formatted with.</summary>
    public int Arguments { get; private set; }

    /// <summary>Worth matching: an entry with words of its own, not only placeholders ("{0} ({1})").</summary>
    public bool HasWords => _longestLiteral.Count(char.IsLetter) >= 3;

    /// <summary>The placeholders' values when <paramref name="text"/> is this entry filled in, else null.</summary>
    public string[]? Match(string text)
    {
        if (!text.Contains(_longestLiteral, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var match = _pattern.Match(text);
            return match.Success
                ? [.. Enumerable.Range(0, Arguments).Select(i => match.Groups[$"p{i}"].Value)]
                : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
