using IntakeBot.Text;

namespace IntakeBot.Cases;

/// <summary>A kept Teams message as a quoted message with its sender, time and link: for the owner's
/// card (markdown, with everything from the message escaped); the case file uses its sender and time.</summary>
public static class MessageQuote
{
    /// <summary>Hosts a link to a Teams message is on; any other link is shown as text, never as a link.</summary>
    private static readonly string[] TeamsHosts = ["teams.microsoft.com", "teams.cloud.microsoft", "teams.microsoft.us"];

    public static string ForCard(TextCatalog text, MessageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(facts);
        var link = facts.Link is null
            ? text[TextKey.CaptureNoLink]
            : IsTeamsLink(facts.Link) ? text.Format(TextKey.CaptureOpenLink, facts.Link) : PlainText.Escape(facts.Link);
        var quote = text.Format(TextKey.CaptureQuote, PlainText.Escape(Sender(text, facts)), Time(text, facts), facts.ConversationKind, PlainText.Escape(facts.Excerpt), link);
        return facts.Attachments.Count == 0 ? quote : $"{quote}\n{text.Format(TextKey.CaptureAttachmentsLine, PlainText.Escape(string.Join(", ", facts.Attachments)))}";
    }

    /// <summary>The sender as Teams named them, and what kind of account it was when it was not a
    /// person in the directory.</summary>
    public static string Sender(TextCatalog text, MessageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(facts);
        var name = facts.SenderName ?? text[TextKey.CaptureSenderUnknown];
        return facts switch
        {
            { FromBot: true } => text.Format(TextKey.CaptureSenderBot, name),
            { SenderObjectId: null, SenderName: not null } => text.Format(TextKey.CaptureSenderNoEntraId, name, facts.SenderIdentityType),
            _ => name,
        };
    }

    public static string Time(TextCatalog text, MessageFacts facts)
        => facts?.SentAt is { } at ? UtcTime.Format(at) : text?[TextKey.CaptureTimeUnknown] ?? string.Empty;

    private static bool IsTeamsLink(string link)
        => Uri.TryCreate(link, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            && TeamsHosts.Any(h => url.Host.Equals(h, StringComparison.OrdinalIgnoreCase));
}
