using System.Globalization;

namespace IntakeBot.Text;

/// <summary>The language of whoever reads what the bot writes now: set at the start of each turn (from
/// the activity's locale, then from the conversation) and around each proactive message (from the
/// stored conversation reference), and read by <see cref="TextCatalog"/>. Ambient rather than passed,
/// so that every catalog look-up in a turn, hundreds of them, speaks the reader's language without
/// each call site naming it. A turn holds one shared box: a language chosen deep inside the turn is
/// seen by what runs after it in the same turn (the commit, the error reply), which a plain
/// AsyncLocal value set in a callee would not be.</summary>
public static class ReaderLanguage
{
    public const string English = "en";

    private static readonly AsyncLocal<Box?> Ambient = new();

    /// <summary>The reader's language code ("en", "de", ...); English outside any turn.</summary>
    public static string Current => Ambient.Value?.Language ?? English;

    /// <summary>How dates and numbers are written for the reader. English keeps the ISO dates the bot
    /// has always written; the other languages write them as their main region does.</summary>
    public static CultureInfo Culture => CultureOf(Current);

    /// <summary>Starts a turn or a proactive message in <paramref name="language"/>; disposing the
    /// scope restores the language before it.</summary>
    public static IDisposable Begin(string language)
    {
        var before = Ambient.Value;
        Ambient.Value = new Box { Language = language };
        return new Scope(before);
    }

    /// <summary>Changes the language of the turn under way, for everything that runs after this in it.</summary>
    public static void Switch(string language)
    {
        if (Ambient.Value is { } box)
        {
            box.Language = language;
        }
        else
        {
            Ambient.Value = new Box { Language = language };
        }
    }

    public static CultureInfo CultureOf(string language) => language switch
    {
        English => IsoEnglish,
        _ => CultureInfo.GetCultureInfo(CultureInfo.CreateSpecificCulture(language).Name),
    };

    private static readonly CultureInfo IsoEnglish = Iso();

    private static CultureInfo Iso()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        return CultureInfo.ReadOnly(culture);
    }

    private sealed class Box
    {
        public required string Language { get; set; }
    }

    private sealed class Scope(Box? before) : IDisposable
    {
        public void Dispose() => Ambient.Value = before;
    }
}
