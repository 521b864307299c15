using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Tests.Retention;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Confidentiality;

/// <summary>Revealing a confidential reporter's identity over HTTP, on Azurite, with a Teams connector on
/// 127.0.0.1: by the reporter's own confirmed choice, or by an owner's reasoned request that a custodian
/// (never the case's owner) approves, the reporter told first and the name shown to the requester alone
/// after the notice period; a refusal shows nothing.</summary>
public sealed class RevealTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string CanaryName = "Wanda Quillfeather";
    private const string CanaryId = "c4a7a2e1-0b7e-4c55-9d1a-5eed5eedca12";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ConnectorStub _connector = null!;

    public async Task InitializeAsync() => _connector = await ConnectorStub.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private static string Text(JObject activity) => activity.Value<string>("text") ?? string.Empty;

    private sealed record People(BotApp App, HttpChat Reporter, HttpChat Owner, HttpChat Custodian, HttpChat Colleague, ManualTime Time) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>An owner, a custodian and a colleague (all responders), and a reporter; the custodians are
    /// the custodian and, when <paramref name="ownerIsCustodian"/>, the owner too.</summary>
    private People Gather(bool ownerIsCustodian = false, bool ownerIsOnlyCustodian = false, IDictionary<string, string?>? settings = null)
    {
        var ownerId = Guid.NewGuid().ToString();
        var custodianId = Guid.NewGuid().ToString();
        var colleagueId = Guid.NewGuid().ToString();
        var more = new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = ownerId,
            ["Intake:Responders:0"] = ownerId,
            ["Intake:Responders:1"] = custodianId,
            ["Intake:Responders:2"] = colleagueId,
        };
        if (ownerIsCustodian)
        {
            more["Identity:Custodians:1"] = ownerId;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            more[key] = value;
        }

        var time = new ManualTime(Start);
        var app = new BotApp(azurite, Confidential.Settings(ownerIsOnlyCustodian ? ownerId : custodianId, more), services => services.AddSingleton<TimeProvider>(time));
        return new People(
            app,
            new HttpChat(app.CreateClient(), CanaryId, _connector.ServiceUrl, name: CanaryName),
            new HttpChat(app.CreateClient(), ownerId, _connector.ServiceUrl),
            new HttpChat(app.CreateClient(), custodianId, _connector.ServiceUrl),
            new HttpChat(app.CreateClient(), colleagueId, _connector.ServiceUrl),
            time);
    }

    private static async Task<string> SubmitConfidentialAsync(HttpChat reporter)
    {
        var words = Intake.UpToReview();
        await reporter.SayAsync("report");
        await reporter.SayAsync("confidential");
        await reporter.SayAsync("he shouted at me in the stand-up meeting");
        await reporter.SayAllAsync(words[2..]);
        return Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));
    }

    private static async Task<string> CardAsync(HttpChat chat, string reference) => string.Join("\n", await chat.ShownAsync($"case {reference}"));

    [Fact]
    public async Task Reveal_asks_first_then_shows_the_reporters_name_to_the_owner_and_tells_them()
    {
        await using var people = Gather();
        var reference = await SubmitConfidentialAsync(people.Reporter);
        await people.Owner.SayAsync("hello");
        var before = await CardAsync(people.Owner, reference);
        Assert.Contains($"Case {reference}", before, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryName, before, StringComparison.Ordinal);

        var asked = string.Join("\n", await people.Reporter.SayAsync($"Reveal {reference}"));
        Assert.Contains($"reveal {reference} yes", asked, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryName, await CardAsync(people.Owner, reference), StringComparison.Ordinal);

        Assert.StartsWith("Done: the people handling report", (await people.Reporter.SayAsync($"please reveal {reference} yes!"))[0], StringComparison.Ordinal);
        var told = await _connector.WaitForSentAsync(a => Text(a).Contains("has chosen to show their name", StringComparison.Ordinal) && Text(a).Contains(reference, StringComparison.Ordinal), Patience);
        Assert.DoesNotContain(CanaryName, told.Activity.ToString(), StringComparison.Ordinal);
        await Eventually.UntilAsync(async () => (await CardAsync(people.Owner, reference)).Contains($"Reporter: {CanaryName}", StringComparison.Ordinal));

        var audit = await people.App.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None);
        Assert.Contains(audit, a => a.Action == AuditAction.Reveal);
        Assert.DoesNotContain(audit, a => $"{a}".Contains(CanaryName, StringComparison.Ordinal) || $"{a}".Contains(CanaryId, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith($"You've already shown your name on report {reference}", (await people.Reporter.SayAsync($"reveal {reference}"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approved_request_shows_the_name_to_the_requester_only_after_the_reporter_was_told_and_the_notice_passed()
    {
        await using var people = Gather();
        var reference = await SubmitConfidentialAsync(people.Reporter);
        await people.Custodian.SayAsync("hello");
        await people.Owner.SayAsync("hello");

        Assert.StartsWith("To ask to see who reported", (await people.Owner.SayAsync($"request identity {reference}"))[0], StringComparison.Ordinal);
        Assert.StartsWith($"Your request to see who reported {reference} is recorded", (await people.Owner.SayAsync($"request identity {reference} because the formal hearing needs a signed statement"))[0], StringComparison.Ordinal);
        await _connector.WaitForSentAsync(a => Text(a).Contains("approve identity " + reference, StringComparison.Ordinal), Patience);

        Assert.StartsWith("To decide a request", (await people.Custodian.SayAsync($"approve identity {reference}"))[0], StringComparison.Ordinal);
        Assert.StartsWith("Approved, with your reason", (await people.Custodian.SayAsync($"approve identity {reference} because the hearing is on Monday"))[0], StringComparison.Ordinal);

        var reporterTold = await _connector.WaitForSentAsync(a => Text(a).Contains($"confidential report {reference}: a request to see who made it was approved", StringComparison.Ordinal), Patience);
        Assert.Equal(people.Reporter.ConversationId, reporterTold.ConversationId);
        Assert.Contains("the hearing is on Monday", string.Join("\n", await people.Reporter.ShownAsync($"view {reference}")), StringComparison.Ordinal);

        // Approved, told, but the notice period has not passed: the requester sees the decision, not the name.
        await Eventually.UntilAsync(async () => (await CardAsync(people.Owner, reference)).Contains("The reporter has been told", StringComparison.Ordinal));
        people.Time.Advance(TimeSpan.FromHours(47));
        Assert.DoesNotContain(CanaryName, await CardAsync(people.Owner, reference), StringComparison.Ordinal);

        people.Time.Advance(TimeSpan.FromHours(2));
        var shown = await CardAsync(people.Owner, reference);
        Assert.Contains($"on an approved request): {CanaryName}", shown, StringComparison.Ordinal);

        // Nobody else: not the custodian, not a colleague, not the case's audit, and no message but the reporter's own.
        Assert.StartsWith("I couldn't find a case", (await people.Custodian.SayAsync($"case {reference}"))[0], StringComparison.Ordinal);
        Assert.StartsWith("I couldn't find a case", (await people.Colleague.SayAsync($"case {reference}"))[0], StringComparison.Ordinal);
        var audit = await people.App.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None);
        Assert.Contains(audit, a => a.Action == AuditAction.IdentityRequest);
        Assert.Contains(audit, a => a.Action == AuditAction.IdentityDecision && a.Detail == "approved");
        Assert.DoesNotContain(audit, a => $"{a}".Contains(CanaryName, StringComparison.Ordinal));
        Assert.DoesNotContain(_connector.Sent.Where(s => s.ConversationId != people.Reporter.ConversationId), s => s.Activity.ToString().Contains(CanaryName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_notice_runs_from_the_delivery_to_the_reporter_not_from_the_approval()
    {
        await using var people = Gather(settings: new Dictionary<string, string?>
        {
            ["Notifications:MaxAttempts"] = "20",
            ["Notifications:FirstRetryDelayMilliseconds"] = "1000",
            ["Notifications:ScanIntervalMilliseconds"] = "200",
        });
        var reference = await SubmitConfidentialAsync(people.Reporter);
        await people.Owner.SayAsync("hello");
        await people.Owner.SayAsync($"request identity {reference} coz the formal hearing needs a signed statement");
        await people.Owner.SayAsync($"request identity {reference} because the formal hearing needs a signed statement");

        // Teams cannot reach the reporter: the approval is decided, but nobody has told them.
        _connector.Unreach(people.Reporter.ConversationId);
        Assert.StartsWith("Approved, with your reason", (await people.Custodian.SayAsync($"approve identity {reference} because the hearing is on monday"))[0], StringComparison.Ordinal);
        await Eventually.UntilAsync(() => Task.FromResult(_connector.RefusedTo(people.Reporter.ConversationId) > 0));
        await _connector.WaitForSentAsync(a => Text(a).Contains("has approved your request", StringComparison.Ordinal) && Text(a).Contains(reference, StringComparison.Ordinal), Patience);
        Assert.Contains("after the bot's message about it has reached you", string.Join("\n", await people.Reporter.ShownAsync($"view {reference}")), StringComparison.Ordinal);

        people.Time.Advance(TimeSpan.FromHours(49));
        var untold = await CardAsync(people.Owner, reference);
        Assert.Contains("The reporter hasn't been told yet", untold, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryName, untold, StringComparison.Ordinal);
        Assert.StartsWith($"A request to see who reported {reference} was approved, and its reporter hasn't been told yet", (await people.Owner.SayAsync($"request identity {reference} because I still need it"))[0], StringComparison.Ordinal);

        // Reached at last, 49 hours after the approval: the notice runs from now.
        _connector.Reach(people.Reporter.ConversationId);
        people.Time.Advance(TimeSpan.FromMinutes(1));
        var told = await _connector.WaitForSentAsync(a => Text(a).Contains($"confidential report {reference}: a request to see who made it was approved", StringComparison.Ordinal), Patience);
        Assert.Equal(people.Reporter.ConversationId, told.ConversationId);
        await Eventually.UntilAsync(async () => (await CardAsync(people.Owner, reference)).Contains("The reporter has been told", StringComparison.Ordinal));

        people.Time.Advance(TimeSpan.FromHours(47));
        Assert.DoesNotContain(CanaryName, await CardAsync(people.Owner, reference), StringComparison.Ordinal);
        Assert.DoesNotContain(_connector.Sent, s => Text(s.Activity).Contains($"Type **case {reference}** to see the name", StringComparison.Ordinal));

        people.Time.Advance(TimeSpan.FromHours(2));
        var shownNotice = await _connector.WaitForSentAsync(a => Text(a).Contains($"Type **case {reference}** to see the name", StringComparison.Ordinal), Patience);
        Assert.DoesNotContain(CanaryName, shownNotice.Activity.ToString(), StringComparison.Ordinal);
        Assert.Contains($"on an approved request): {CanaryName}", await CardAsync(people.Owner, reference), StringComparison.Ordinal);
        Assert.StartsWith("I couldn't find a case", (await people.Custodian.SayAsync($"case {reference}"))[0], StringComparison.Ordinal);
        Assert.StartsWith("I couldn't find a case", (await people.Colleague.SayAsync($"case {reference}"))[0], StringComparison.Ordinal);
        Assert.Single(_connector.Sent, s => s.ConversationId == people.Reporter.ConversationId && Text(s.Activity).Contains("a request to see who made it was approved", StringComparison.Ordinal));
        var audit = await people.App.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None);
        Assert.Single(audit, a => a.Action == AuditAction.IdentityNotice && a.Detail == "told");
    }

    [Fact]
    public async Task An_approval_the_reporter_is_never_told_of_never_shows_the_name_and_says_so()
    {
        await using var people = Gather(settings: new Dictionary<string, string?>
        {
            ["Notifications:MaxAttempts"] = "2",
            ["Notifications:FirstRetryDelayMilliseconds"] = "100",
        });
        var reference = await SubmitConfidentialAsync(people.Reporter);
        await people.Custodian.SayAsync("hi");
        await people.Owner.SayAsync("hello");
        await people.Owner.SayAsync($"request identity {reference} because a formal hearing needs it");
        _connector.Unreach(people.Reporter.ConversationId);
        await people.Custodian.SayAsync($"approve identity {reference} because the hearing needs it");

        var custodianTold = await _connector.WaitForSentAsync(a => Text(a).Contains($"The reporter of {reference} could not be told", StringComparison.Ordinal), Patience);
        Assert.NotEqual(people.Reporter.ConversationId, custodianTold.ConversationId);
        await _connector.WaitForSentAsync(a => Text(a).Contains($"A message about {reference} could not be delivered to its reporter", StringComparison.Ordinal), Patience);
        await Eventually.UntilAsync(async () => (await CardAsync(people.Owner, reference)).Contains("could not be delivered, so the name is not shown", StringComparison.Ordinal));
        Assert.Contains("could not reach you, so your name is not shown", string.Join("\n", await people.Reporter.ShownAsync($"view {reference}")), StringComparison.Ordinal);

        _connector.Reach(people.Reporter.ConversationId);
        people.Time.Advance(TimeSpan.FromDays(30));
        Assert.DoesNotContain(CanaryName, await CardAsync(people.Owner, reference), StringComparison.Ordinal);
        Assert.Contains(await people.App.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None), a => a.Action == AuditAction.IdentityNotice && a.Detail == "unreachable");
        Assert.StartsWith($"Your request to see who reported {reference} is recorded", (await people.Owner.SayAsync($"request identity {reference} because the hearing still needs it"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_tells_the_requester_why_and_shows_nothing()
    {
        await using var people = Gather();
        var reference = await SubmitConfidentialAsync(people.Reporter);
        await people.Owner.SayAsync("hello");
        await people.Owner.SayAsync($"request identity {reference} since I'd like to call them");
        Assert.StartsWith("Refused, with your reason", (await people.Custodian.SayAsync($"Refuse identity {reference} because the account is enough to go on"))[0], StringComparison.Ordinal);

        await _connector.WaitForSentAsync(a => Text(a).Contains("has refused your request", StringComparison.Ordinal) && Text(a).Contains(reference, StringComparison.Ordinal), Patience);
        await Eventually.UntilAsync(async () => (await CardAsync(people.Owner, reference)).Contains("the account is enough to go on", StringComparison.Ordinal));
        people.Time.Advance(TimeSpan.FromDays(30));
        Assert.DoesNotContain(CanaryName, await CardAsync(people.Owner, reference), StringComparison.Ordinal);
        Assert.DoesNotContain(_connector.Sent, s => Text(s.Activity).Contains("was approved", StringComparison.Ordinal) && Text(s.Activity).Contains(reference, StringComparison.Ordinal));
        Assert.DoesNotContain("request to see who made this report", string.Join("\n", await people.Reporter.ShownAsync($"view {reference}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_the_owner_nor_a_non_custodian_can_approve_the_owners_request()
    {
        await using var people = Gather(ownerIsCustodian: true);
        var reference = await SubmitConfidentialAsync(people.Reporter);
        await people.Owner.SayAsync("hello");
        await people.Owner.SayAsync($"request identity {reference} because a formal hearing needs it");
        await Eventually.UntilAsync(async () => (await CardAsync(people.Owner, reference)).Contains("waiting for a custodian", StringComparison.Ordinal));

        Assert.StartsWith("I couldn't find a request", (await people.Owner.SayAsync($"approve identity {reference} because I asked"))[0], StringComparison.Ordinal);
        Assert.StartsWith("I couldn't find a request", (await people.Colleague.SayAsync($"approve identity {reference} because they asked me to"))[0], StringComparison.Ordinal);
        people.Time.Advance(TimeSpan.FromDays(3));
        var card = await CardAsync(people.Owner, reference);
        Assert.Contains("waiting for a custodian", card, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryName, card, StringComparison.Ordinal);
        Assert.DoesNotContain(await people.App.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None), a => a.Action == AuditAction.IdentityDecision);
    }

    [Fact]
    public async Task A_request_that_only_its_owner_could_decide_is_not_kept_and_the_owner_is_told_why()
    {
        await using var people = Gather(ownerIsOnlyCustodian: true);
        var reference = await SubmitConfidentialAsync(people.Reporter);
        await people.Owner.SayAsync("hello");

        var answer = await people.Owner.SayAsync($"request identity {reference} because a formal hearing needs it");

        Assert.StartsWith($"Nobody but you is named as a custodian who could decide a request about {reference}", answer[0], StringComparison.Ordinal);
        Assert.DoesNotContain("waiting for a custodian", await CardAsync(people.Owner, reference), StringComparison.Ordinal);
        Assert.DoesNotContain(await people.App.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None), a => a.Action == AuditAction.IdentityRequest);
    }
}
