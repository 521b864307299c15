using System.Globalization;

namespace IntakeBot.Text;

/// <summary>The one way a time is shown to people: in UTC, to the minute, marked as UTC, whatever
/// offset the value carries.</summary>
public static class UtcTime
{
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
