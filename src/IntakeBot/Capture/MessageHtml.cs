using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace IntakeBot.Capture;

/// <summary>A Teams message body (HTML) as plain text: scripts, styles and comments are dropped with
/// their content, block ends become line breaks, every other tag goes, entities are decoded. The result
/// is only ever shown as plain text; the HTML is kept beside it and never rendered. The body is written
/// by whoever sent the message, so it is read in one pass, in time linear in its length whatever it
/// holds (a pattern that backtracks took quadratic time over thousands of unclosed tags).</summary>
public static partial class MessageHtml
{
    /// <summary>Teams messages are at most about 28 KB; a body far beyond that is not a Teams message.</summary>
    public const int MaxHtmlChars = 512 * 1024;

    /// <summary>Elements dropped with their content.</summary>
    private static readonly string[] Dropped = ["script", "style", "head", "template", "noscript", "iframe", "object", "svg"];

    /// <summary>Elements whose end is a line break.</summary>
    private static readonly string[] BlockEnds = ["p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table"];

    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] != '<')
            {
                var next = html.IndexOf('<', i);
                next = next < 0 ? html.Length : next;
                text.Append(html, i, next - i);
                i = next;
                continue;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                text.Append(' ');
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            if (i + 1 >= html.Length || !(char.IsAsciiLetter(html[i + 1]) || html[i + 1] is '/' or '!' or '?'))
            {
                text.Append('<');
                i++;
                continue;
            }

            var close = html.IndexOf('>', i + 1);
            if (close < 0)
            {
                // No tag ends after here: the rest is words.
                text.Append(html, i, html.Length - i);
                break;
            }

            var (name, closing, restAt) = Tag(html, i + 1, close);
            var rest = html.AsSpan(restAt, close - restAt);
            if (!closing && Dropped.Contains(name))
            {
                text.Append(' ');
                i = EndOf(html, close + 1, name);
                continue;
            }

            if ((!closing && name == "br" && rest.Trim().TrimEnd('/').IsWhiteSpace()) || (closing && BlockEnds.Contains(name) && rest.IsWhiteSpace()))
            {
                text.Append('\n');
            }

            i = close + 1;
        }

        var lines = WebUtility.HtmlDecode(text.ToString()).Split('\n').Select(Tidy);
        return BlankRuns().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    /// <summary>The names of images the body shows (their alt text, or "image N"), never their addresses.</summary>
    public static IEnumerable<string> ImageNames(string html) => Images(html).Select(i => i.Name);

    /// <summary>The images the body shows: a name (as <see cref="ImageNames"/>) and the address in
    /// their <c>src</c>, when there is one. The address is only ever fetched through the allow-list.</summary>
    public static IEnumerable<(string Name, string? Source)> Images(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var n = 0;
        var i = 0;
        while ((i = html.IndexOf("<img", i, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var after = i + 4;
            if (after < html.Length && char.IsAsciiLetterOrDigit(html[after]))
            {
                i = after;
                continue;
            }

            var close = html.IndexOf('>', after);
            if (close < 0)
            {
                yield break;
            }

            var image = html[i..(close + 1)];
            i = close + 1;
            n++;
            var alt = AltText().Match(image) is { Success: true } a ? Tidy(WebUtility.HtmlDecode(a.Groups["alt"].Value)) : string.Empty;
            var source = Source().Match(image) is { Success: true } s ? WebUtility.HtmlDecode(s.Groups["src"].Value).Trim() : null;
            yield return (alt.Length > 0 ? Cut(alt, 80) : $"image {n}", string.IsNullOrEmpty(source) ? null : source);
        }
    }

    /// <summary>The name (lower case) of the tag between <paramref name="from"/> and <paramref name="to"/>,
    /// whether it closes an element, and where what follows the name starts.</summary>
    private static (string Name, bool Closing, int RestAt) Tag(string html, int from, int to)
    {
        var closing = html[from] == '/';
        var start = closing ? from + 1 : from;
        var end = start;
        while (end < to && char.IsAsciiLetterOrDigit(html[end]))
        {
            end++;
        }

        return (html[start..end].ToLowerInvariant(), closing, end);
    }

    /// <summary>Where a dropped element ends: after its closing tag, or at the end of the body.</summary>
    private static int EndOf(string html, int from, string name)
    {
        var closing = "</" + name;
        while ((from = html.IndexOf(closing, from, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var j = from + closing.Length;
            while (j < html.Length && char.IsWhiteSpace(html[j]))
            {
                j++;
            }

            if (j < html.Length && html[j] == '>')
            {
                return j + 1;
            }

            from = j;
        }

        return html.Length;
    }

    /// <summary>Control characters out, runs of spaces made one.</summary>
    private static string Tidy(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            var ch = char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c;
            if (ch != ' ' || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(ch);
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex BlankRuns();

    [GeneratedRegex(@"\balt\s*=\s*(""(?<alt>[^""]*)""|'(?<alt>[^']*)')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AltText();

    [GeneratedRegex(@"\bsrc\s*=\s*(""(?<src>[^""]*)""|'(?<src>[^']*)')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Source();
}
