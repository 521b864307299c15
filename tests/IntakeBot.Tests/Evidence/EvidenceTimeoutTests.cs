using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Evidence;

/// <summary>Evidence:TimeoutSeconds covers the whole download, body included: a host that drips its
/// file a byte at a time is cut off, nothing of it is kept and the person is told.</summary>
public sealed class EvidenceTimeoutTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FileServer _files = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _files = await FileServer.StartAsync();
        _app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Evidence:AllowedHosts:0"] = "127.0.0.1",
            ["Evidence:AllowLoopbackHttp"] = "true",
            ["Evidence:TimeoutSeconds"] = "2",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _files.DisposeAsync();
    }

    private async Task<HttpChat> AtEvidenceStepAsync()
    {
        var chat = new HttpChat(_app.CreateClient(), serviceUrl: _files.BaseUrl + "/");
        var upToReview = Intake.UpToReview();
        var replies = await chat.SayAllAsync(upToReview[..Array.IndexOf(upToReview, "skip")]);
        Assert.StartsWith("Do you have anything that shows what happened", replies[^1], StringComparison.Ordinal);
        return chat;
    }

    [Theory]
    [InlineData(4096)] // stalls mid-body, after the type check
    [InlineData(9)] // stalls before the first 512 bytes are in
    public async Task A_download_that_stalls_is_cut_off_nothing_is_kept_and_the_person_is_told(int bytesAtOnce)
    {
        var chat = await AtEvidenceStepAsync();

        var replies = await chat.SendAsync(null, [HttpChat.UploadedFile("minutes.pdf", $"{_files.BaseUrl}/drip/{bytesAtOnce}")]);

        Assert.StartsWith("I couldn't download minutes.pdf", replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain(await new CaseBlobs(azurite, _app).CaseBlobNamesAsync(), n => n.Contains("/evidence/", StringComparison.Ordinal));
        Assert.StartsWith("Is there anything else you'd like to add", (await chat.SayAsync("done"))[^1], StringComparison.Ordinal);
    }
}
