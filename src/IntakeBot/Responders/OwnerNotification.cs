using IntakeBot.Text;
using Microsoft.Bot.Schema;
using IntakeBot.Cases;

namespace IntakeBot.Responders;

/// <summary>A message to a case owner (or, with <paramref name="To"/>, a reporter, by AAD object id in
/// <paramref name="Owner"/>): which message, about which case. Never any content.
/// <paramref name="Sender"/> is the 1:1 conversation of the person whose turn decided it, stored on
/// delivery so that they can be told of updates later. <paramref name="Due"/> is the deadline a reminder
/// is about. <paramref name="FollowsOn"/> is the closed case a follow-on report follows on from, named in
/// its notification (a reference, never content).</summary>
public sealed record OwnerNotification(string Owner, TextKey Message, string CaseReference, NotificationRecipient To = NotificationRecipient.Owner, ConversationReference? Sender = null, DateTimeOffset? Due = null, string? FollowsOn = null);
