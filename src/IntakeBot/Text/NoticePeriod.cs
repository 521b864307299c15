namespace IntakeBot.Text;

/// <summary>The notice period before an approved identity request shows the reporter's name
/// (<c>Identity:NoticeHours</c>), as the bot says it: in hours exactly as set, where
/// <see cref="Durations"/> would round up to days, so that nobody is told a wait other than the one that runs.</summary>
public static class NoticePeriod
{
    public static string Format(TextCatalog text, int hours)
    {
        ArgumentNullException.ThrowIfNull(text);
        return hours == 1 ? text[TextKey.DurationHour] : text.Format(TextKey.DurationHours, hours);
    }
}
