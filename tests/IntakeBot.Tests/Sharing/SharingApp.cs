using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Sharing;

/// <summary>The app and the Graph stand-in <see cref="SharingTests"/> share: an app start cost about as
/// much as six turns and was made once a test. Each test submits its own case unless it only reads one
/// (<see cref="UnsharedCaseAsync"/>); a test that changes the directory for everyone (who the owner is)
/// sets it up itself, and one that needs other settings starts its own app.</summary>
public sealed class SharingApp : BotAppFixture
{
    public const string Label = "label-highly-confidential";

    private Task<string>? _unshared;

    public string OwnerId { get; } = Guid.NewGuid().ToString();

    public GraphServer Graph { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Intake:DefaultOwner"] = OwnerId,
        ["Intake:Responders:0"] = OwnerId,
        ["Sharing:DriveId"] = GraphServer.DriveId,
        ["Sharing:GraphBaseUrl"] = Graph.BaseUrl,
        ["Sharing:Credential"] = "None",
        ["Sharing:FolderPath"] = "Conduct cases",
        ["Sharing:SensitivityLabelId"] = Label,
        ["Sharing:MaxRetries"] = "1",
        ["Sharing:RetryDelaySeconds"] = "1",
        ["Evidence:AllowedHosts:0"] = "127.0.0.1",
        ["Evidence:AllowLoopbackHttp"] = "true",
    };

    public override async Task InitializeAsync()
    {
        Graph = await GraphServer.StartAsync();
        Graph.AddUser("u-alex", "alex@contoso.test", "Alex Kim");
        Graph.AddUser("u-sam", "sam@contoso.test", "Sam Rivera");
        Graph.AddUser("u-jo", "jo.smith@contoso.test", "Jo Smith", mail: "jo.smith@contoso.test", proxyAddresses: "smtp:jo@contoso.test");
        Graph.AddUser("u-chris", "chris@contoso.test", "Chris Doe");
        Graph.AddUser("u-chris2", "chris.doe@contoso.test", "Chris Doe");
        Graph.AddUser("u-old", "old@contoso.test", "Former Colleague", enabled: false);
        Graph.AddUser("u-guest", "guest_partner.test#EXT#@contoso.test", "Guest Person", mail: "guest@partner.test", guest: true);
        Graph.AddGroup("team@contoso.test", "Team");
        Graph.AddGroup("sec@contoso.test", "Security group", securityEnabled: true);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Graph.DisposeAsync();
    }

    /// <summary>A case whose evidence is a pasted chat line and, when given, a file uploaded after it.</summary>
    public async Task<string> SubmittedCaseAsync(string whoWasInvolved = "My team lead", JObject? file = null)
    {
        var chat = new HttpChat(Client);
        var lines = Intake.UpToReview().ToList();
        lines[lines.IndexOf("My team lead")] = whoWasInvolved;
        var evidenceStep = lines.IndexOf("skip");
        lines[evidenceStep] = "a pasted chat line: see you at 5";
        await chat.SayAllAsync([.. lines[..(evidenceStep + 1)]]);
        if (file is not null)
        {
            Assert.StartsWith($"Saved {file.Value<string>("name")}", (await chat.SendAsync(null, [file]))[0], StringComparison.Ordinal);
        }

        return await chat.SubmitReportAsync(["done", .. lines[(evidenceStep + 1)..]]);
    }

    /// <summary>One case, submitted as <see cref="SubmittedCaseAsync"/> does, once for the class: tests whose
    /// command is refused or changes nothing read it instead of submitting their own (an intake costs about
    /// 0.6 s of CPU). No test shares it, so a share that slips through fails every later test too.</summary>
    public Task<string> UnsharedCaseAsync() => _unshared ??= SubmittedCaseAsync();
}
