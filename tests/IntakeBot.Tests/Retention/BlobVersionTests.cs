using Azure.Storage.Blobs;
using IntakeBot.Retention;

namespace IntakeBot.Tests.Retention;

/// <summary>Azurite keeps no versions, so the version path runs against a loopback endpoint that does.</summary>
public sealed class BlobVersionTests : IAsyncLifetime
{
    private VersioningBlobServer _server = null!;

    public async Task InitializeAsync() => _server = await VersioningBlobServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private BlobContainerClient Container => new BlobServiceClient(_server.ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 0 } }).GetBlobContainerClient("cases");

    [Fact]
    public async Task Purging_a_case_where_storage_keeps_versions_deletes_every_previous_version_too()
    {
        _server.Add("IR-AAAAAAAA/case.json", writes: 3);
        _server.Add("IR-AAAAAAAA/evidence/001-a.png", writes: 1);
        _server.Add("IR-BBBBBBBB/case.json", writes: 2);

        var removed = await BlobPurge.DeletePrefixAsync(Container, "IR-AAAAAAAA/", null, CancellationToken.None);

        Assert.Equal(new PurgeCount(2, 4), removed);
        Assert.All(_server.Versions, v => Assert.StartsWith("IR-BBBBBBBB/", v.Name, StringComparison.Ordinal));
        Assert.Equal(2, _server.Versions.Count);
    }

    [Fact]
    public async Task Forgetting_a_state_blobs_history_keeps_only_its_current_version()
    {
        _server.Add("0a1b.json", writes: 4);
        _server.Add("0a1b.json.other", writes: 2);

        var removed = await BlobPurge.DeleteHistoryAsync(Container, "0a1b.json", CancellationToken.None);

        Assert.Equal(3, removed);
        Assert.Equal([("0a1b.json", true)], _server.Versions.Where(v => v.Name == "0a1b.json").Select(v => (v.Name, v.Current)));
        Assert.Equal(2, _server.Versions.Count(v => v.Name == "0a1b.json.other"));
    }
}
