using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Cases;

/// <summary>The lists of cases are data any view can show, read with no chat at all.</summary>
public sealed class CaseQueriesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_submitted_report_is_in_its_reporters_list_and_its_owners_list_and_nobody_elses()
    {
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var chat = new HttpChat(app.CreateClient(), person);
        var reference = await chat.SubmitReportAsync();
        var queries = app.Services.GetRequiredService<CaseQueries>();
        var owner = (await app.Services.GetRequiredService<ICaseStore>().GetAsync(reference, CancellationToken.None))!.Owner;

        var reported = Assert.Single(await queries.ReportedAsync(person, [], CancellationToken.None));
        Assert.Equal(reference, reported.Reference);
        Assert.Equal(CaseStatus.Submitted, reported.Status);
        Assert.Contains(await queries.OwnedAsync(owner, [], CancellationToken.None), c => c.Reference == reference);
        Assert.DoesNotContain(await queries.OwnedAsync("someone.else@contoso.com", [], CancellationToken.None), c => c.Reference == reference);
        Assert.Empty(await queries.OwnedAsync(null, [], CancellationToken.None));
    }
}
