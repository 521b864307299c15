namespace IntakeBot.Text;

/// <summary>Moments as the bot writes them: always converted to UTC first, so that a time Teams sent
/// with the sender's offset reads the same as one the bot recorded, then written as the reader's
/// culture writes dates and times (ISO dates in English, as before).</summary>
public static class Times
{
    public static string Utc(DateTimeOffset at) => $"{UtcDate(at)} {at.UtcDateTime.ToString("t", ReaderLanguage.Culture)} UTC";

    /// <summary>The UTC day of a moment, for lists and cards that show dates only: 00:30 at +05:00 is
    /// still the day before in UTC, as <see cref="Utc"/> would show it.</summary>
    public static string UtcDate(DateTimeOffset at) => at.UtcDateTime.ToString("d", ReaderLanguage.Culture);
}
