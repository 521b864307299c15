using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Sharing;

/// <summary>The app and the Graph stand-in <see cref="SharingLeakTests"/> share (an app start cost about
/// as much as six turns and was made once a test). A test that makes the whole library readable by
/// inheritance starts its own directory and app (<see cref="NewGraphAsync"/>, <see cref="SettingsFor"/>),
/// since every later share would be refused.</summary>
public sealed class SharingLeakApp : BotAppFixture
{
    public const string AppId = "app-intakebot";

    private Task<string>? _unshared;

    public string OwnerId { get; } = Guid.NewGuid().ToString();

    public GraphServer Graph { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => SettingsFor(Graph);

    /// <summary>The directory of the tests: people with several names, mailboxes that are not people, a
    /// member of another organisation, and the app as the library's only permission.</summary>
    public static async Task<GraphServer> NewGraphAsync()
    {
        var graph = await GraphServer.StartAsync();
        graph.AddAppPermission(AppId);
        graph.AddUser("u-alex", "alex@contoso.test", "Alex Kim", givenName: "Alex", surname: "Kim");
        graph.AddUser("u-sam", "sam@contoso.test", "Sam Rivera", givenName: "Sam", surname: "Rivera");
        graph.AddUser("u-bob", "bsmith@contoso.test", "Bob Smith (HR) 🌻", mail: "robert.smith@contoso.test", givenName: "Bob", surname: "Smith", proxyAddresses: "smtp:bob_smith@contoso.test");
        graph.AddUser("u-jose", "jose@contoso.test", "Núñez, José", givenName: "José", surname: "Núñez");
        graph.AddUser("u-al", "al@contoso.test", "Al Jones", givenName: "Al", surname: "Jones");
        graph.AddUser("u-pat", "pat@contoso.test", "Pat Lee", mail: "patricia.lee@contoso.test");
        graph.AddUser("u-hr", "hr-inbox@contoso.test", "HR inbox", userPurpose: "shared");
        graph.AddUser("u-room", "room-4@contoso.test", "Room 4", userPurpose: "room");
        graph.AddUser("u-beamer", "beamer@contoso.test", "Beamer", userPurpose: "equipment");
        graph.AddUser("u-b2b", "kim_fabrikam.test#EXT#@contoso.test", "Kim Partner", mail: "kim@fabrikam.test", externalUserState: "Accepted");
        return graph;
    }

    public Dictionary<string, string?> SettingsFor(GraphServer graph, bool allowGuests = false) => new()
    {
        ["Intake:DefaultOwner"] = OwnerId,
        ["Intake:Responders:0"] = OwnerId,
        ["Sharing:DriveId"] = GraphServer.DriveId,
        ["Sharing:GraphBaseUrl"] = graph.BaseUrl,
        ["Sharing:Credential"] = "None",
        ["Sharing:ClientId"] = AppId,
        ["Sharing:FolderPath"] = "Conduct cases",
        ["Sharing:AllowGuests"] = allowGuests ? "true" : "false",
        ["Sharing:MaxRetries"] = "0",
    };

    public override async Task InitializeAsync()
    {
        Graph = await NewGraphAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Graph.DisposeAsync();
    }

    /// <summary>A submitted self-report through <paramref name="client"/>; <paramref name="replace"/> swaps
    /// lines of the standard intake and <paramref name="pasted"/> is pasted as text evidence.</summary>
    internal static async Task<(string Reference, HttpChat Reporter)> SubmittedCaseAsync(HttpClient client, Dictionary<string, string>? replace = null, string pasted = "see you at 5")
    {
        var reporter = new HttpChat(client);
        var lines = Intake.UpToReview().ToList();
        foreach (var (from, to) in replace ?? [])
        {
            lines[lines.IndexOf(from)] = to;
        }

        var evidenceStep = lines.IndexOf("skip");
        lines[evidenceStep] = pasted;
        lines.Insert(evidenceStep + 1, "done");
        return (await reporter.SubmitReportAsync([.. lines]), reporter);
    }

    /// <summary>One standard case submitted once for the class, for the tests whose share is refused (an
    /// intake costs about 0.6 s of CPU). No test shares it, so a share that slips through fails every
    /// later test too.</summary>
    public async Task<string> UnsharedCaseAsync() => await (_unshared ??= SubmitUnsharedAsync());

    private async Task<string> SubmitUnsharedAsync() => (await SubmittedCaseAsync(Client)).Reference;
}
