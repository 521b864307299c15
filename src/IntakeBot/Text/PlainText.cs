using System.Text;

namespace IntakeBot.Text;

/// <summary>Shows what a person typed as plain text in a Teams message or an Adaptive Card: the
/// characters that markdown, links and mentions are built from are escaped, so a report cannot put a
/// clickable link, formatting or a mention into the case owner's view.</summary>
public static class PlainText
{
    /// <summary>The markdown syntax Teams messages and Adaptive Card text blocks act on (emphasis, links,
    /// headings, code, tables, HTML such as &lt;at&gt; mentions). Other punctuation stays as typed, so
    /// that a client that does not drop backslashes shows as few of them as possible.</summary>
    private const string Syntax = "\\`*_[]()<>#~|";

    public static string Escape(string? typed)
    {
        if (string.IsNullOrEmpty(typed))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(typed.Length + 16);
        for (var i = 0; i < typed.Length; i++)
        {
            var c = typed[i];

            // The colon of "scheme://" and the dot of "www." are escaped too: clients turn bare web
            // addresses into links.
            if (Syntax.Contains(c, StringComparison.Ordinal)
                || (c == ':' && typed.AsSpan(i).StartsWith("://", StringComparison.Ordinal))
                || (c == '.' && i >= 3 && typed.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase)))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
