using System.Globalization;
using System.Text.RegularExpressions;
using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>The blob index tags on every <c>case.json</c>, derived from the record alone so that every
/// write sets them from the same function. Azure allows 10 tags a blob, keys of 1-128 and values of 0-256
/// characters from letters, digits, space and <c>+ - . / : = _</c>; dates are UTC in a fixed-width
/// form so that string comparison in a tag query is date order.</summary>
public static partial class CaseIndexTags
{
    public const string Version = "idx";
    /// <summary>2: every open case has its follow-up deadlines (the start-up pass gives them to cases
    /// submitted before deadlines existed).</summary>
    public const string CurrentVersion = "2";
    public const string Owner = "owner";
    public const string Reporter = "reporter";
    public const string Status = "status";
    public const string Updated = "updated";

    /// <summary>Due dates of an open case's deadlines that are not met yet; gone once met or closed.</summary>
    public const string AckDue = "ackDue";
    public const string FeedbackDue = "feedbackDue";

    /// <summary>When the next deadline reminder of the case is due; gone when none is left to send.
    /// The reminder pass queries this one tag, so a case it has nothing to say about is never read.</summary>
    public const string RemindAt = "remindAt";

    public const string ExpiresOn = "expiresOn";

    /// <summary>The tags of <paramref name="record"/>; with <paramref name="closedCaseRetention"/>, a closed
    /// case that is not on hold also gets <see cref="ExpiresOn"/>, which the retention sweep looks for.</summary>
    public static Dictionary<string, string> For(CaseRecord record, CaseIndexKey key, TimeSpan? closedCaseRetention = null)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Version] = CurrentVersion,
            [Owner] = key.Of(record.Owner),
            [Status] = record.Status.ToStoredName(),
            [Updated] = Sortable(record.UpdatedAt),
        };
        if (record.SealedReporter is { } sealedReporter)
        {
            // The same keyed hash, kept in the case since the id itself is sealed.
            tags[Reporter] = sealedReporter.ReporterKey;
        }
        else if (record.Reporter is { } reporter)
        {
            tags[Reporter] = key.Of(reporter.AadObjectId);
        }

        foreach (var deadline in CaseDeadlines.Running(record))
        {
            tags[deadline.Kind == DeadlineKind.Acknowledge ? AckDue : FeedbackDue] = Sortable(deadline.Due);
        }

        if (CaseDeadlines.NextReminder(record) is { } remindAt)
        {
            tags[RemindAt] = Sortable(remindAt);
        }

        if (closedCaseRetention is { } retention && CaseExpiry.Tag(record, retention) is { } expiresOn)
        {
            tags[ExpiresOn] = expiresOn;
        }

        return tags;
    }

    public static string Sortable(DateTimeOffset at)
        => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="value"/> may be used as a tag value in a query as written.</summary>
    public static bool IsValidValue(string value) => value.Length <= 256 && ValueCharacters().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9 +\\-./:=_]*$")]
    private static partial Regex ValueCharacters();
}
