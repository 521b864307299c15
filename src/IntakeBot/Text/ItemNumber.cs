using System.Globalization;
using System.Text.RegularExpressions;

namespace IntakeBot.Text;

/// <summary>Reads "remove 2", "remove #2", "entfernen Nr. 1": a word, then the number of an item as a
/// list shows it. The word is the caller's to check against the catalog; only the number's forms live here.</summary>
public static partial class ItemNumber
{
    /// <summary>The words before the number and the number (0 when the words stand alone); false when
    /// the message is not words followed by at most one item number.</summary>
    public static bool TrySplit(string normalized, out string words, out int number)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        words = string.Empty;
        number = 0;
        var match = WordsThenNumber().Match(normalized);
        if (!match.Success)
        {
            return false;
        }

        words = match.Groups["words"].Value;
        return !match.Groups["n"].Success || int.TryParse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>The first number in what was said, as typed; null when there is none.</summary>
    public static string? First(string? said)
        => said is not null && Digits().Match(said) is { Success: true } found ? found.Value : null;

    [GeneratedRegex(@"^(?<words>\D+?)(\s*(item|no\.?|nr\.?|n°|#)?\s*(?<n>\d{1,3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex WordsThenNumber();

    [GeneratedRegex(@"\d{1,3}", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
