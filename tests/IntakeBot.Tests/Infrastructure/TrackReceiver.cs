using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>An Application Insights ingestion endpoint stand-in on 127.0.0.1: takes the Azure Monitor
/// exporter's posts (<c>/v2.1/track</c> or <c>/v2/track</c>, JSON lines, usually gzip), keeps every body
/// as text and accepts every item, so that the exporter neither retries nor keeps anything offline.</summary>
public sealed class TrackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string Body)> _posts = new();

    private TrackReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string whose ingestion endpoint is this receiver (the key is made up).</summary>
    public string ConnectionString => $"InstrumentationKey={Guid.Empty};IngestionEndpoint=http://127.0.0.1:{Port}/";

    /// <summary>The paths posted to, in order.</summary>
    public IReadOnlyList<string> Paths => [.. _posts.Select(p => p.Path)];

    /// <summary>Whether any telemetry item holds the text.</summary>
    public bool Contains(string text) => _posts.Any(p => p.Body.Contains(text, StringComparison.Ordinal));

    /// <summary>The telemetry items (JSON lines) that hold the text anywhere, in any letter case.</summary>
    public IReadOnlyList<string> ItemsContaining(string text)
        => [.. _posts.SelectMany(p => p.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Where(line => line.Contains(text, StringComparison.OrdinalIgnoreCase))];

    public static async Task<TrackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new TrackReceiver(app, port);
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var raw = new MemoryStream();
            await request.Body.CopyToAsync(raw);
            var bytes = raw.ToArray();

            // Gzip by its magic number, whatever the headers say.
            var text = bytes is [0x1f, 0x8b, ..] ? await GunzipAsync(bytes) : Encoding.UTF8.GetString(bytes);
            receiver._posts.Enqueue((request.Path.Value ?? string.Empty, text));
            var items = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            return Results.Json(new { itemsReceived = items, itemsAccepted = items, errors = Array.Empty<object>() });
        });
        await app.StartAsync();
        return receiver;
    }

    private static async Task<string> GunzipAsync(byte[] bytes)
    {
        using var unzipped = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(unzipped);
        }

        return Encoding.UTF8.GetString(unzipped.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
