using System.Security.Cryptography;
using System.Text;

namespace IntakeBot.Responders;

/// <summary>One message for another person, as kept in the outbox: the message (a reference and the
/// kind of update, never content) and the turn that decided it (its conversation's state key and
/// activity id), by which a process that finds the entry later checks that the turn committed.</summary>
public sealed record OutboxEntry(OwnerNotification Notification, string ConversationKey, string? ActivityId, DateTimeOffset CreatedAt)
{
    /// <summary>The entry's name, the same for the same message decided by the same activity, so that
    /// a redelivered turn (or a background pass deciding again) finds its entry there instead of
    /// queueing a second one.</summary>
    public string Id
    {
        get
        {
            var key = string.Join('\n', ConversationKey, ActivityId ?? string.Empty, Notification.To, Notification.Owner, Notification.Message, Notification.CaseReference);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        }
    }
}
