using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IntakeBot.Sharing;

/// <summary>Everything the reporter or responder wrote in a case, as words that can be searched for a
/// person's names: case, accents, punctuation and spacing are ignored, and only whole words match, so
/// "Al" never matches "Alex" while "Alex" matches "alex," and "ALEX.".</summary>
public sealed partial class ReportText
{
    /// <summary>U+00C0 to U+024F folded to their base letter: "." keeps the character (lower-cased), "?"
    /// is a ligature spelt with two letters (æ, œ, ß, þ).</summary>
    private const string LatinBase =
        "aaaaaa?ceeeeiiiidnooooo.ouuuuy??aaaaaa?ceeeeiiiidnooooo.ouuuuy?y" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkklllllll" +
        "lllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz." +
        "b.................f.......l.....oo.............uu....zz........." +
        ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...." +
        "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............" +
        "................";

    /// <summary>Longest stretch of the report shown back to the owner for one match.</summary>
    private const int MaxShownLength = 80;

    private readonly string _source;
    private readonly List<Word> _words;

    /// <summary>People the case names by their Entra object id (the senders of kept Teams messages),
    /// with the name to show for a match: found whatever address the recipient was given as.</summary>
    private readonly IReadOnlyDictionary<string, string> _namedIds;

    public ReportText(IEnumerable<string?> parts, IReadOnlyDictionary<string, string>? namedIds = null)
    {
        _source = string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        _words = Split(_source);
        _namedIds = namedIds ?? new Dictionary<string, string>();
    }

    /// <summary>The stretches of the report that name this person, as written there; empty when none does.</summary>
    public IReadOnlyList<string> Mentions(RecipientCheck person)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var name in NamesOf(person))
        {
            for (var start = 0; start + name.Count <= _words.Count; start++)
            {
                if (Matches(start, name))
                {
                    spans.Add((_words[start].Start, _words[start + name.Count - 1].End));
                }
            }
        }

        IEnumerable<string> byId = person.UserId is { } id && _namedIds.TryGetValue(id, out var shown) ? [shown] : [];

        // "Smith" inside a match of "Bob Smith" at the same place is one mention, not two.
        return [.. byId.Concat(spans
            .Where(s => !spans.Any(o => o != s && o.Start <= s.Start && s.End <= o.End))
            .OrderBy(s => s.Start)
            .Select(s => _source[s.Start..Math.Min(s.End, s.Start + MaxShownLength)]))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The names a person may be written under, each as normalised words: the display name
    /// without bracketed or comma parts, given name and surname in both orders, every address and its
    /// local part ("bob.smith" reads as "bob smith").</summary>
    public static IReadOnlyList<IReadOnlyList<string>> NamesOf(RecipientCheck person)
    {
        var names = new List<string>();
        if (!string.IsNullOrWhiteSpace(person.DisplayName))
        {
            var plain = Bracketed().Replace(person.DisplayName, " ");
            var parts = plain.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            names.Add(plain);
            if (parts.Length > 0)
            {
                names.Add(parts[0]);
            }

            if (parts.Length == 2)
            {
                names.Add($"{parts[1]} {parts[0]}");
            }
        }

        if (!string.IsNullOrWhiteSpace(person.GivenName) && !string.IsNullOrWhiteSpace(person.Surname))
        {
            names.Add($"{person.GivenName} {person.Surname}");
            names.Add($"{person.Surname} {person.GivenName}");
        }

        var addresses = new[] { person.Address, person.Mail, person.UserPrincipalName }
            .Concat(person.ProxyAddresses.Select(p => p.Contains(':', StringComparison.Ordinal) ? p[(p.IndexOf(':', StringComparison.Ordinal) + 1)..] : p));
        foreach (var address in addresses.Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            var local = address!.Split('@')[0].Replace("#EXT#", string.Empty, StringComparison.OrdinalIgnoreCase);
            names.Add(address);
            names.Add(local);
        }

        return [.. names
            .Select(n => (IReadOnlyList<string>)[.. Split(n).Select(w => w.Normalised)])
            .Where(n => n.Count > 1 || (n.Count == 1 && n[0].Length > 1))
            .DistinctBy(n => string.Join(' ', n))];
    }

    private bool Matches(int start, IReadOnlyList<string> name)
    {
        for (var i = 0; i < name.Count; i++)
        {
            if (!string.Equals(_words[start + i].Normalised, name[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Runs of letters and digits, lower case and without accents, with where they stand in the text.</summary>
    private static List<Word> Split(string text)
    {
        var words = new List<Word>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || (start >= 0 && CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(new Word(Normalise(text[start..i]), start, i));
                start = -1;
            }
        }

        return words;
    }

    /// <summary>Lower case without accents. The host runs with invariant globalization (no ICU, so no
    /// Unicode normalisation): combining marks are dropped, and Latin letters with accents are folded
    /// through <see cref="LatinBase"/>.</summary>
    private static string Normalise(string word)
    {
        var plain = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = c is >= '\u00C0' and <= '\u024F' ? LatinBase[c - '\u00C0'] : '.';
            if (folded == '.')
            {
                plain.Append(char.ToLowerInvariant(c));
            }
            else if (folded == '?')
            {
                plain.Append(Ligature(c));
            }
            else
            {
                plain.Append(folded);
            }
        }

        return plain.ToString();
    }

    private static string Ligature(char c) => char.ToLowerInvariant(c) switch
    {
        '\u00E6' => "ae",
        '\u0153' => "oe",
        '\u00DF' => "ss",
        _ => "th",
    };

    [GeneratedRegex(@"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Bracketed();

    private readonly record struct Word(string Normalised, int Start, int End);
}
