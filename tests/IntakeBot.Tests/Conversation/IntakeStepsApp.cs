using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Conversation;

/// <summary>The app <see cref="IntakeStepsTests"/> share: a second responder, a support resource and an
/// owner role, so that the responder's steps and the closing words can be seen.</summary>
public sealed class IntakeStepsApp : BotAppFixture
{
    public static readonly string ResponderId = Guid.NewGuid().ToString();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Intake:Responders:1"] = ResponderId,
        ["Intake:SupportResource"] = "the employee assistance line, 0800 000 000",
        ["Intake:OwnerRole"] = "the conduct team",
    };
}
