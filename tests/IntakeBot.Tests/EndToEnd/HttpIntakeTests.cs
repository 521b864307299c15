using System.Net;
using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

public sealed class HttpIntakeTests(BotAppFixture app) : IClassFixture<BotAppFixture>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task A_full_intake_over_http_produces_the_case_and_a_transcript_holding_the_reporters_words()
    {
        var chat = new HttpChat(_client);

        await chat.SayAllAsync(Intake.UpToReview());
        var receipt = string.Join("\n", await chat.SayAsync("submit"));

        var reference = Receipt.ReferenceIn(receipt);
        var blobs = app.Blobs;
        var record = await blobs.CaseAsync(reference);
        Assert.Equal(CaseStatus.Submitted, record.Status);
        Assert.Equal(Classification.HighlyConfidential, record.Classification);
        Assert.Equal(chat.AadObjectId, record.Reporter!.AadObjectId);
        var transcript = await blobs.TranscriptAsync(reference);
        Assert.Contains(transcript, e => e.Direction == TranscriptDirection.In && e.Text == "He shouted at me in the stand-up meeting");
        Assert.Contains(transcript, e => e.Direction == TranscriptDirection.Out && e.Text!.Contains(reference, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{}")]
    public async Task Malformed_activities_are_refused_with_400_not_500(string body)
    {
        var response = await ApiMessages.PostAsync(_client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_health_endpoint_answers()
    {
        var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
