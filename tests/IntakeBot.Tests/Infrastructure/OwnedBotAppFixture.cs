namespace IntakeBot.Tests.Infrastructure;

/// <summary>One app for a class whose tests play the owner of every case: a responder of the class's
/// own (<see cref="OwnerId"/>), who is the default owner.</summary>
public class OwnedBotAppFixture : BotAppFixture
{
    public string OwnerId { get; } = Guid.NewGuid().ToString();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Intake:DefaultOwner"] = OwnerId,
        ["Intake:Responders:0"] = OwnerId,
    };
}
