using System.Net;
using System.Text;
using IntakeBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntakeBot.Tests.Retention;

/// <summary>A blob endpoint on 127.0.0.1 that keeps versions, as an Azure account with versioning on
/// does (Azurite does not): it answers List Blobs with <c>include=versions</c> and Delete Blob with and
/// without <c>versionid</c>; deleting the current blob turns it into a previous version. Only the calls
/// the purge makes, for the real Azure.Storage.Blobs client.</summary>
internal sealed class VersioningBlobServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<(string Name, string VersionId, bool Current)> _versions = [];

    private VersioningBlobServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString
        => $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>A blob written <paramref name="writes"/> times: that many versions, the last one current.</summary>
    public void Add(string name, int writes)
    {
        lock (_gate)
        {
            for (var i = 0; i < writes; i++)
            {
                _versions.Add((name, $"2026-01-0{i + 1}T00:00:00.{_versions.Count:D7}Z", i == writes - 1));
            }
        }
    }

    public IReadOnlyList<(string Name, string VersionId, bool Current)> Versions
    {
        get
        {
            lock (_gate)
            {
                return [.. _versions];
            }
        }
    }

    public static async Task<VersioningBlobServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new VersioningBlobServer(app, port);
        app.MapGet("/devstoreaccount1/{container}", server.List);
        app.MapDelete("/devstoreaccount1/{container}/{**name}", server.Delete);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult List(string container, HttpRequest request)
    {
        var prefix = request.Query["prefix"].ToString();
        var withVersions = request.Query["include"].ToString().Contains("versions", StringComparison.OrdinalIgnoreCase);
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"http://127.0.0.1:{Port}/devstoreaccount1/\" ContainerName=\"{container}\"><Blobs>");
        lock (_gate)
        {
            foreach (var (name, versionId, current) in _versions.Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal) && (withVersions || v.Current)))
            {
                xml.Append($"<Blob><Name>{WebUtility.HtmlEncode(name)}</Name>");
                if (withVersions)
                {
                    xml.Append($"<VersionId>{versionId}</VersionId>{(current ? "<IsCurrentVersion>true</IsCurrentVersion>" : string.Empty)}");
                }

                xml.Append("<Properties><Content-Length>1</Content-Length><BlobType>BlockBlob</BlobType></Properties></Blob>");
            }
        }

        xml.Append("</Blobs><NextMarker /></EnumerationResults>");
        return Results.Content(xml.ToString(), "application/xml");
    }

    private IResult Delete(string name, HttpRequest request)
    {
        name = Uri.UnescapeDataString(name);
        var versionId = request.Query["versionid"].ToString();
        lock (_gate)
        {
            var index = versionId.Length > 0
                ? _versions.FindIndex(v => v.Name == name && v.VersionId == versionId)
                : _versions.FindIndex(v => v.Name == name && v.Current);
            if (index < 0)
            {
                return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>not found</Message></Error>", "application/xml", statusCode: 404);
            }

            if (versionId.Length > 0)
            {
                _versions.RemoveAt(index);
            }
            else
            {
                // With versioning on, deleting the blob keeps what it held as a previous version.
                _versions[index] = _versions[index] with { Current = false };
            }
        }

        return Results.StatusCode(202);
    }
}
