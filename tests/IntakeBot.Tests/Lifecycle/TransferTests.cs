using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Lifecycle;

/// <summary><c>transfer</c> over HTTP, on Azurite, with the Graph stand-in resolving addresses: only to a
/// responder on the roster, never to a group or oneself; the old owner then gets the not-found answer,
/// the new owner is told by reference only, and the audit log and the owner tag follow.</summary>
public sealed class TransferTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string NotFound = "I couldn't find a case with that reference among the cases you own.";
    private const string Canary = "CANARY-transfer-81c4-marten";
    private const string ColleagueUpn = "robin@contoso.test";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string OwnerId = Guid.NewGuid().ToString();
    private static readonly string ColleagueId = Guid.NewGuid().ToString();
    private static readonly string OutsiderId = Guid.NewGuid().ToString();

    private GraphServer _graph = null!;
    private ConnectorStub _connector = null!;
    private BotApp _app = null!;
    private HttpChat _owner = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphServer.StartAsync();
        _graph.AddUser(ColleagueId, ColleagueUpn, "Robin Ortega", mail: "robin.ortega@contoso.test");
        _graph.AddUser(OutsiderId, "casey@contoso.test", "Casey Outside");
        _graph.AddGroup("ethics@contoso.test", "Ethics team");
        _connector = await ConnectorStub.StartAsync();
        _app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = OwnerId,
            ["Intake:Responders:0"] = OwnerId,
            ["Intake:Responders:1"] = ColleagueUpn,
            ["Sharing:DriveId"] = GraphServer.DriveId,
            ["Sharing:GraphBaseUrl"] = _graph.BaseUrl,
            ["Sharing:Credential"] = "None",
            ["Sharing:MaxRetries"] = "0",
        });
        _owner = new HttpChat(_app.CreateClient(), OwnerId, _connector.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connector.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private async Task<string> SubmittedCaseAsync()
    {
        var reporter = new HttpChat(_app.CreateClient(), serviceUrl: _connector.ServiceUrl);
        return await reporter.SubmitReportAsync(Intake.UpToReview(Canary));
    }

    /// <summary>The colleague talks to the bot first (Teams tells it their UPN), so that they can be told.</summary>
    private async Task<HttpChat> ColleagueAsync()
    {
        _connector.KnowMember(ColleagueId, ColleagueUpn);
        var colleague = new HttpChat(_app.CreateClient(), ColleagueId, _connector.ServiceUrl);
        await colleague.SayAsync("cases");
        return colleague;
    }

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;

    [Fact]
    public async Task Transfer_by_email_moves_the_case_to_the_responder_and_the_old_owner_gets_not_found()
    {
        var colleague = await ColleagueAsync();
        var reference = await SubmittedCaseAsync();

        var done = await _owner.SayAsync($"Transfer {reference.ToLowerInvariant()} to robin.ortega@contoso.test");
        var told = await _connector.WaitForSentAsync(a => Text(a).StartsWith("A case has been handed to you", StringComparison.Ordinal), Patience);
        var oldOwnerSees = await _owner.SayAsync($"case {reference}");
        var oldOwnerList = await _owner.SayAsync("cases");
        var newOwnerSees = await colleague.ShownAsync($"case {reference}");
        var newOwnerList = await colleague.SayAsync("cases");

        Assert.Equal($"{reference} is now owned by Robin Ortega. They have been told, by reference only, and the change is in the audit log. It no longer appears in your **cases**.", done[0]);
        Assert.Equal(colleague.ConversationId, told.ConversationId);
        Assert.Equal($"A case has been handed to you by its previous owner. Reference: {reference}. Type **case {reference}** to open it.", Text(told.Activity));
        Assert.Equal(NotFound, oldOwnerSees[0]);
        Assert.DoesNotContain(reference, oldOwnerList[0], StringComparison.Ordinal);
        Assert.NotEqual(NotFound, newOwnerSees[0]);
        Assert.Contains("transfer", newOwnerSees[0], StringComparison.Ordinal);
        Assert.Contains(reference, newOwnerList[0], StringComparison.Ordinal);
        Assert.Equal(NotFound, (await _owner.SayAsync($"transfer {reference} to {OwnerId}"))[0]);

        var blobs = new CaseBlobs(azurite, _app);
        Assert.Equal(ColleagueUpn, (await blobs.CaseAsync(reference)).Owner);
        var tags = (await blobs.Cases.GetBlobClient($"{reference}/case.json").GetTagsAsync()).Value.Tags;
        Assert.Equal(CaseIndexKey.Development.Of(ColleagueUpn), tags[CaseIndexTags.Owner]);
        var audit = Assert.Single(await _app.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None), a => a.Action == AuditAction.Transfer);
        Assert.Equal((OwnerId, ColleagueUpn, OwnerId), (audit.By, audit.Whom, audit.Detail));
        Assert.DoesNotContain(_connector.Sent, s => s.Activity.ToString().Contains(Canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transfer_tells_the_reporter_by_reference_and_role_only_and_their_privacy_notice_says_so()
    {
        await ColleagueAsync();
        var reporter = new HttpChat(_app.CreateClient(), serviceUrl: _connector.ServiceUrl);
        var reference = await reporter.SubmitReportAsync(Intake.UpToReview(Canary));

        await _owner.SayAsync($"transfer {reference} to robin.ortega@contoso.test");
        var told = await _connector.WaitForSentAsync(a => Text(a).Contains("has been handed to another person", StringComparison.Ordinal), Patience);
        var privacy = await reporter.SayAsync("privacy");

        Assert.Equal(reporter.ConversationId, told.ConversationId);
        Assert.Equal($"There is an update on your report {reference}: it has been handed to another person in the same role, who now looks after it and can read it. Type **privacy** to see who can read your report.", Text(told.Activity));
        Assert.Contains("If your report is handed to another person in that role, they read it from then on, and you are told which report (by reference only).", privacy[0], StringComparison.Ordinal);
        Assert.DoesNotContain(_connector.Sent, s => s.ConversationId == reporter.ConversationId && (Text(s.Activity).Contains("Robin", StringComparison.Ordinal) || Text(s.Activity).Contains("contoso", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Transfer_is_refused_off_the_roster_to_a_group_to_oneself_and_to_a_case_one_does_not_own()
    {
        var reference = await SubmittedCaseAsync();
        var before = await new CaseBlobs(azurite, _app).RawCaseJsonAsync(reference);

        var outsider = await _owner.SayAsync($"transfer {reference} to casey@contoso.test");
        var outsiderById = await _owner.SayAsync($"transfer {reference} to {OutsiderId}");
        var unknown = await _owner.SayAsync($"transfer {reference} to nobody@contoso.test");
        var group = await _owner.SayAsync($"transfer {reference} to ethics@contoso.test");
        var self = await _owner.SayAsync($"transfer {reference} to {OwnerId.ToUpperInvariant()}");
        var usage = await _owner.SayAsync($"transfer {reference}");
        var colleague = await ColleagueAsync();
        var notTheirs = await colleague.SayAsync($"transfer {reference} to {ColleagueUpn}");
        var reporterTries = await new HttpChat(_app.CreateClient()).SayAsync($"transfer {reference} to {ColleagueUpn}");

        var offRoster = $"I can hand {reference} only to someone on the responder roster, and I couldn't find that person on it. Nothing was changed.";
        Assert.Equal(offRoster, outsider[0]);
        Assert.Equal(offRoster, outsiderById[0]);
        Assert.Equal(offRoster, unknown[0]);
        Assert.StartsWith("That address belongs to a group.", group[0], StringComparison.Ordinal);
        Assert.Equal($"You already own {reference}. Nothing was changed.", self[0]);
        Assert.StartsWith("To hand a case to another responder, type **transfer**", usage[0], StringComparison.Ordinal);
        Assert.Equal(NotFound, notTheirs[0]);
        Assert.Equal(NotFound, reporterTries[0]);
        Assert.Equal(before, await new CaseBlobs(azurite, _app).RawCaseJsonAsync(reference));
        Assert.DoesNotContain(await _app.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None), a => a.Action == AuditAction.Transfer);
    }

    [Fact]
    public async Task Transfer_while_the_directory_is_down_keeps_the_case_with_its_owner()
    {
        var reference = await SubmittedCaseAsync();
        _graph.Down = true;

        var reply = await _owner.SayAsync($"transfer {reference} to robin.ortega@contoso.test");
        var byRoster = await _owner.SayAsync($"transfer {reference} to {ColleagueUpn.ToUpperInvariant()}");

        Assert.Equal($"I couldn't check that person in the directory just now, so {reference} stays with you. Please try again in a little while.", reply[0]);
        Assert.StartsWith($"{reference} is now owned by {ColleagueUpn.ToUpperInvariant()}.", byRoster[0], StringComparison.Ordinal);
        Assert.Equal(ColleagueUpn, (await new CaseBlobs(azurite, _app).CaseAsync(reference)).Owner);
    }
}
