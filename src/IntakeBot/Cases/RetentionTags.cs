using System.Globalization;

namespace IntakeBot.Cases;

/// <summary>The blob index tags retention finds its work by. Tag values compare as strings, so times
/// are written in one sortable UTC form.</summary>
public static class RetentionTags
{
    /// <summary>On <c>case.json</c>: when the case expires; absent while it does not (open or held).</summary>
    public const string ExpiresOn = "expiresOn";

    /// <summary>On a conversation's state blob while it holds a draft: when the draft expires.</summary>
    public const string DraftExpiresOn = "draftExpiresOn";

    /// <summary>On a conversation's state blob: the reference of its draft, when it has one, so that
    /// blobs written for the draft before submit (evidence) are found too.</summary>
    public const string DraftReference = "draftReference";

    public const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A Find Blobs by Tags expression for "this tag holds a time before <paramref name="now"/>".</summary>
    public static string Before(string tag, DateTimeOffset now) => $"\"{tag}\" < '{Format(now)}'";
}
