using System.Globalization;
using System.Xml;

namespace IntakeBot.Retention;

/// <summary>Durations as the operator writes them: ISO-8601 (<c>P30D</c>, <c>PT12H</c>) or .NET's
/// <c>d.hh:mm:ss</c>.</summary>
public static class RetentionDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.StartsWith('P'))
        {
            try
            {
                // xs:duration is ISO-8601's duration; a year counts as 365 days and a month as 30.
                value = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value);
    }

    public static TimeSpan Parse(string text)
        => TryParse(text, out var value) ? value : throw new FormatException("Not an ISO-8601 or d.hh:mm:ss duration.");
}
