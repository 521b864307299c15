using IntakeBot.Cases;
namespace IntakeBot.Responders;

/// <summary>Who a notification is for: a case owner (found by roster entry in
/// <see cref="ResponderDirectory"/>) or a reporter (by AAD object id in <see cref="ReporterDirectory"/>).</summary>
public enum NotificationRecipient
{
    Owner,
    Reporter,
}
