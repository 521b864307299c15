namespace IntakeBot.Text;

/// <summary>The one place commands are read. Every verb and its forms are catalog entries
/// (<c>VerbView</c>, <c>VerbShare</c> with <c>VerbShareWith</c>, ...), one list a language, and every
/// language's list also holds the English forms, so "ansehen IR-…", "voir IR-…" and "view IR-…" all
/// work in a German or French conversation. A verb counts only as the start of the message, as whole
/// words, in any case and with or without accents, after an optional polite word ("bitte", "please");
/// the word after it is the case reference, and when more follows, that word must be a reference
/// ("IR-…"), so that someone's account that happens to start with "Nachricht" or "note" is never
/// taken for a command. Handlers ask here rather than owning a pattern.</summary>
public sealed class CommandWords
{
    /// <summary>The verbs that name a case: one of them with a reference means the person moved on
    /// to that case, whatever they were doing.</summary>
    public static readonly IReadOnlyList<TextKey> NamingACase =
    [
        TextKey.VerbView, TextKey.VerbReply, TextKey.VerbAddTo, TextKey.VerbCase, TextKey.VerbAccess, TextKey.VerbShare, TextKey.VerbRevoke,
        TextKey.VerbAcknowledge, TextKey.VerbReview, TextKey.VerbClose, TextKey.VerbTransfer, TextKey.VerbNote, TextKey.VerbSummary, TextKey.VerbMessage,
        TextKey.VerbHold, TextKey.VerbRelease, TextKey.VerbDeleted, TextKey.VerbAgain, TextKey.VerbReveal, TextKey.VerbRequestIdentity,
        TextKey.VerbApproveIdentity, TextKey.VerbRefuseIdentity,
    ];

    internal const string ReferencePrefix = "IR-";

    private readonly Func<CatalogLanguage> _current;

    internal CommandWords(Func<CatalogLanguage> current) => _current = current;

    /// <summary>The command when the message starts with one of <paramref name="verbs"/> in the
    /// reader's language or in English; null otherwise.</summary>
    public TypedCommand? Read(string? said, params TextKey[] verbs)
    {
        ArgumentNullException.ThrowIfNull(verbs);
        if (string.IsNullOrWhiteSpace(said))
        {
            return null;
        }

        var language = _current();
        var words = Words(said);
        var start = SkipPolite(language, words, 0);
        var found = verbs
            .SelectMany(v => language.Verbs[v].Where(form => Starts(words, start, form)).Select(form => (Verb: v, Length: form.Length)))
            .OrderByDescending(f => f.Length)
            .FirstOrDefault();
        if (found.Length == 0)
        {
            return null;
        }

        var next = start + found.Length;
        if (next == words.Count || IsNothing(language, said[words[next].Start..]))
        {
            return new TypedCommand(found.Verb, string.Empty, string.Empty, Ends: true);
        }

        var reference = words[next].Text.TrimEnd(',', '.', '!', '?', ';', ':').ToUpperInvariant();
        var rest = next + 1 < words.Count ? said[words[next + 1].Start..].Trim() : string.Empty;
        if (CatalogLanguage.Collapse(rest).Length == 0)
        {
            rest = string.Empty;
        }

        var ends = IsNothing(language, rest);
        return !ends && !reference.StartsWith(ReferencePrefix, StringComparison.Ordinal) ? null : new TypedCommand(found.Verb, reference, rest, ends);
    }

    /// <summary>The text after <paramref name="word"/> (a connecting word such as <c>VerbShareWith</c>,
    /// or <c>VerbConfirm</c>) when <paramref name="rest"/> starts with it, as written, empty when nothing
    /// follows; null when it does not start with it.</summary>
    public string? After(string rest, TextKey word)
    {
        ArgumentNullException.ThrowIfNull(rest);
        var words = Words(rest);
        var form = _current().Verbs[word].FirstOrDefault(f => Starts(words, 0, f));
        if (form is null)
        {
            return null;
        }

        return form.Length < words.Count ? rest[words[form.Length].Start..].Trim() : string.Empty;
    }

    /// <summary>True when the message is a command that names a case ("view IR-…", "fall IR-…"): the
    /// person moved on to that case.</summary>
    public bool NamesACase(string? said)
        => Read(said, [.. NamingACase]) is { NamesACase: true };

    /// <summary>Only punctuation or polite words: "view IR-… please!" ends with the reference.</summary>
    private static bool IsNothing(CatalogLanguage language, string text)
        => CatalogLanguage.Collapse(text).Length == 0 || language.Polite.Contains(language.Normalize(text), StringComparer.Ordinal);

    private static int SkipPolite(CatalogLanguage language, List<Word> words, int start)
    {
        for (var skipped = true; skipped;)
        {
            skipped = false;
            foreach (var polite in language.PoliteTokens)
            {
                if (start + polite.Length < words.Count && Starts(words, start, polite))
                {
                    start += polite.Length;
                    skipped = true;
                    break;
                }
            }
        }

        return start;
    }

    private static bool Starts(List<Word> words, int start, string[] form)
    {
        if (start + form.Length > words.Count)
        {
            return false;
        }

        for (var i = 0; i < form.Length; i++)
        {
            if (!string.Equals(words[start + i].Folded, form[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The message's words, each where it starts, as written and folded for comparing.</summary>
    private static List<Word> Words(string said)
    {
        var words = new List<Word>();
        for (var i = 0; i < said.Length;)
        {
            if (char.IsWhiteSpace(said[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < said.Length && !char.IsWhiteSpace(said[end]))
            {
                end++;
            }

            var text = said[i..end];
            words.Add(new Word(i, text, string.Join(' ', CatalogLanguage.Tokens(text))));
            i = end;
        }

        return words;
    }

    private sealed record Word(int Start, string Text, string Folded);
}
