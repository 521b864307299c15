using System.Globalization;
using IntakeBot.Cases;
using IntakeBot.Evidence;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Capture;

/// <summary>Reads the message Teams sends with a message action (<c>messagePayload</c>) into what the
/// case keeps. Only the <c>reportMessage</c> command is taken; a sender's id is kept as an Entra object
/// id only when Teams says it is one (<c>aadUser</c>).</summary>
public static class MessagePayloadReader
{
    public const string CommandId = "reportMessage";

    public const string FetchTask = "composeExtension/fetchTask";

    public const string SubmitAction = "composeExtension/submitAction";

    /// <summary>Most images of one message fetched as evidence; any more are listed by name only.</summary>
    public const int MaxImages = 10;

    /// <summary>The action in an invoke's value; never throws. A message whose fields have a shape Teams
    /// does not document (an object where text belongs) is read as the command with no message, which
    /// keeps nothing and says so.</summary>
    public static MessagingExtensionAction? Action(object? value)
    {
        if (value is not JObject fields)
        {
            return null;
        }

        try
        {
            return fields.ToObject<MessagingExtensionAction>();
        }
        catch (JsonException)
        {
            return new MessagingExtensionAction { CommandId = fields["commandId"] is JValue { Type: JTokenType.String } id ? (string?)id : null };
        }
    }

    public static CaptureParse Read(MessagingExtensionAction? action, IActivity activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (action is null || !string.Equals(action.CommandId, CommandId, StringComparison.Ordinal))
        {
            return Refused(CaptureRefusal.UnknownCommand);
        }

        if (string.IsNullOrWhiteSpace(activity.From?.AadObjectId))
        {
            return Refused(CaptureRefusal.NoIdentity);
        }

        if (action.MessagePayload is not { Id: { Length: > 0 } messageId } message)
        {
            return Refused(CaptureRefusal.NoMessage);
        }

        var content = message.Body?.Content ?? string.Empty;
        if (content.Length > MessageHtml.MaxHtmlChars)
        {
            return Refused(CaptureRefusal.TooLarge);
        }

        var isHtml = string.Equals(message.Body?.ContentType, "html", StringComparison.OrdinalIgnoreCase);
        var text = isHtml ? MessageHtml.ToPlainText(content) : content.Trim();
        var inline = isHtml ? MessageHtml.Images(content).ToList() : [];
        List<string> attachments =
        [
            .. (message.Attachments ?? []).Where(a => a is not null && !string.IsNullOrWhiteSpace(a.Name ?? a.ContentType)).Select(a => Cut(a.Name ?? a.ContentType, 255)),
            .. inline.Select(i => i.Name),
        ];
        if (text.Length == 0 && attachments.Count == 0)
        {
            return Refused(CaptureRefusal.NoBody);
        }

        var (senderId, identityType, senderName) = Sender(message.From);
        var facts = new MessageFacts(
            Cut(messageId, 128),
            senderId,
            identityType,
            senderName,
            DateTimeOffset.TryParse(message.CreatedDateTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent) ? sent.ToUniversalTime() : null,
            Link(message.LinkToMessage?.OriginalString),
            ConversationKind(activity.Conversation?.ConversationType),
            Cut(text, MessageFacts.MaxExcerptChars),
            attachments,
            activity.From.AadObjectId,
            now);
        List<CapturedImage> images =
        [
            .. (message.Attachments ?? []).Where(a => a?.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true && Fetchable(a.ContentUrl))
                .Select(a => new CapturedImage(Cut(a.Name ?? "image", 255), a.ContentUrl)),
            .. inline.Where(i => Fetchable(i.Source)).Select(i => new CapturedImage(i.Name, i.Source!)),
        ];
        return new CaptureParse(new CapturedMessage(facts, text, isHtml ? content : null, [.. images.Take(MaxImages)]), CaptureRefusal.None);
    }

    /// <summary>A person (an Entra object id only for <c>aadUser</c>), or an application (a bot).</summary>
    private static (string? Id, string IdentityType, string? Name) Sender(MessageActionsPayloadFrom? from)
    {
        if (from?.User is { } user)
        {
            var type = string.IsNullOrWhiteSpace(user.UserIdentityType) ? "unknown" : Cut(user.UserIdentityType, 64);
            var id = type == "aadUser" && Guid.TryParse(user.Id, out var objectId) ? objectId.ToString() : null;
            return (id, type, Name(user.DisplayName));
        }

        if (from?.Application is { } application)
        {
            return (null, "application", Name(application.DisplayName));
        }

        return (null, "unknown", null);
    }

    /// <summary>An absolute address of a length an address has; whether it may be fetched is the
    /// allow-list's decision, when it is.</summary>
    private static bool Fetchable(string? url) => url is { Length: <= 2048 } && Uri.TryCreate(url, UriKind.Absolute, out _);

    private static string? Name(string? name) => string.IsNullOrWhiteSpace(name) ? null : Cut(name.Trim(), 256);

    /// <summary>Only an https link is kept; anything else is not a link to a Teams message.</summary>
    private static string? Link(string? link)
        => Uri.TryCreate(link, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && link!.Length <= 2048 ? url.AbsoluteUri : null;

    private static string ConversationKind(string? type) => type switch
    {
        "personal" => MessageFacts.KindChat,
        "groupChat" => MessageFacts.KindGroupChat,
        "channel" => MessageFacts.KindChannel,
        _ => MessageFacts.KindUnknown,
    };

    private static string Cut(string value, int max)
        => value.Length <= max ? value : value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];

    private static CaptureParse Refused(CaptureRefusal refusal) => new(null, refusal);
}
