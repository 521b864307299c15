using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace IntakeBot.Cases;

/// <summary>Case references: "IR-" and eight random Crockford base-32 characters (no I, L, O, U), so
/// that one reference says nothing about how many cases there are or which came before.</summary>
public static partial class CaseReference
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewReference()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"IR-{chars}";
    }

    /// <summary>True for a well-formed reference; anything else never reaches a blob name.</summary>
    public static bool IsValid(string? reference) => reference is not null && Pattern().IsMatch(reference);

    [GeneratedRegex("^IR-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
