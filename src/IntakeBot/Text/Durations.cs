namespace IntakeBot.Text;

/// <summary>Retention periods as the bot says them: whole days, hours under a day, minutes under an
/// hour; rounded up, so that the bot never says something is kept for less time than it is.</summary>
public static class Durations
{
    public static string Format(TextCatalog text, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (period < TimeSpan.FromHours(1))
        {
            var minutes = (long)Math.Ceiling(period.TotalMinutes);
            return minutes == 1 ? text[TextKey.DurationMinute] : text.Format(TextKey.DurationMinutes, minutes);
        }

        if (period < TimeSpan.FromDays(1))
        {
            var hours = (long)Math.Ceiling(period.TotalHours);
            return hours == 1 ? text[TextKey.DurationHour] : text.Format(TextKey.DurationHours, hours);
        }

        var days = (long)Math.Ceiling(period.TotalDays);
        return days == 1 ? text[TextKey.DurationDay] : text.Format(TextKey.DurationDays, days);
    }
}
