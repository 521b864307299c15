using System.Globalization;

namespace IntakeBot.Text;

/// <summary>Moments as the bot writes them: one format everywhere, always converted to UTC first, so
/// that a time Teams sent with the sender's offset reads the same as one the bot recorded.</summary>
public static class Times
{
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The UTC day of a moment, for lists and cards that show dates only: 00:30 at +05:00 is
    /// still the day before in UTC, as <see cref="Utc"/> would show it.</summary>
    public static string UtcDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
