using System.Text.RegularExpressions;

namespace IntakeBot.Tests.Infrastructure;

internal static partial class Receipt
{
    /// <summary>The case reference a receipt names, or an empty string when it names none.</summary>
    public static string ReferenceIn(string text) => Pattern().Match(text).Value;

    [GeneratedRegex("IR-[0-9A-Z]{8}")]
    public static partial Regex Pattern();
}
