using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Lifecycle;

/// <summary>The app <see cref="LifecycleCommandTests"/> share: besides the owner, a second responder
/// who owns none of the cases and a legal hold role.</summary>
public sealed class LifecycleCommandApp : OwnedBotAppFixture
{
    public string OtherResponderId { get; } = Guid.NewGuid().ToString();

    public string HoldRoleId { get; } = Guid.NewGuid().ToString();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Intake:Responders:1"] = OtherResponderId,
        ["Retention:HoldRoles:0"] = HoldRoleId,
    };
}
