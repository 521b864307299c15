using System.Text;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Security;

/// <summary>Teams download URLs carry the uploader's UPN in their path: no log line, at any level,
/// names it, whether the download succeeds, fails or is refused.</summary>
public sealed class DownloadPathLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    /// <summary>As OneDrive spells a UPN in a path (dots and @ as underscores), and as typed.</summary>
    private const string PathCanary = "walrus_lamp_contoso_example";
    private const string UpnCanary = "walrus.lamp@contoso.example";

    private FileServer _files = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _files = await FileServer.StartAsync();
        _app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Evidence:AllowedHosts:0"] = "127.0.0.1",
            ["Evidence:AllowLoopbackHttp"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _files.DisposeAsync();
    }

    [Fact]
    public async Task A_upn_in_a_download_path_appears_in_no_log_line_at_any_level()
    {
        var chat = new HttpChat(_app.CreateClient(), serviceUrl: _files.BaseUrl + "/");
        var upToReview = Intake.UpToReview();
        await chat.SayAllAsync(upToReview[..Array.IndexOf(upToReview, "skip")]);
        _files.Serve("notes.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\nnotes\n%%EOF"));

        var saved = await chat.SendAsync(null, [HttpChat.UploadedFile("notes.pdf", $"{_files.BaseUrl}/personal/{PathCanary}/Documents/notes.pdf")]);
        var missing = await chat.SendAsync(null, [HttpChat.UploadedFile("gone.pdf", $"{_files.BaseUrl}/personal/{UpnCanary}/Documents/gone.pdf")]);
        var refused = await chat.SendAsync(null, [HttpChat.UploadedFile("x.pdf", $"https://contoso-my.sharepoint.example/personal/{PathCanary}/Documents/x.pdf")]);

        Assert.StartsWith("Saved notes.pdf", saved[0], StringComparison.Ordinal);
        Assert.StartsWith("I couldn't download gone.pdf", missing[0], StringComparison.Ordinal);
        Assert.StartsWith("I can't fetch x.pdf", refused[0], StringComparison.Ordinal);
        Assert.Contains(_files.Requests, r => r.Contains(PathCanary, StringComparison.Ordinal));
        Assert.NotEmpty(_app.Logs.Lines);
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains("walrus", StringComparison.OrdinalIgnoreCase));
    }
}
