using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace IntakeBot.Capture;

/// <summary>A Teams message body (HTML) as plain text: scripts, styles and comments are dropped with
/// their content, block ends become line breaks, every other tag goes, entities are decoded. The result
/// is only ever shown as plain text; the HTML is kept beside it and never rendered.</summary>
public static partial class MessageHtml
{
    /// <summary>Teams messages are at most about 28 KB; a body far beyond that is not a Teams message.</summary>
    public const int MaxHtmlChars = 512 * 1024;

    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = Dropped().Replace(html, " ");
        text = BlockEnds().Replace(text, "\n");
        text = Tags().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        var lines = text.Split('\n').Select(Tidy);
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
        foreach (Match image in ImageTags().Matches(html))
        {
            n++;
            var alt = AltText().Match(image.Value) is { Success: true } a ? Tidy(WebUtility.HtmlDecode(a.Groups["alt"].Value)) : string.Empty;
            var source = Source().Match(image.Value) is { Success: true } s ? WebUtility.HtmlDecode(s.Groups["src"].Value).Trim() : null;
            yield return (alt.Length > 0 ? Cut(alt, 80) : $"image {n}", string.IsNullOrEmpty(source) ? null : source);
        }
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

    [GeneratedRegex(@"<(script|style|head|template|noscript|iframe|object|svg)\b[^>]*>.*?(</\1\s*>|$)|<!--.*?(-->|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Dropped();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|li|tr|h[1-6]|blockquote|pre|ul|ol|table)\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex BlockEnds();

    [GeneratedRegex(@"<[a-zA-Z/!?][^>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex BlankRuns();

    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ImageTags();

    [GeneratedRegex(@"\balt\s*=\s*(""(?<alt>[^""]*)""|'(?<alt>[^']*)')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex AltText();

    [GeneratedRegex(@"\bsrc\s*=\s*(""(?<src>[^""]*)""|'(?<src>[^']*)')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Source();
}
