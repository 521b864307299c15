using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>An OpenTelemetry collector stand-in on 127.0.0.1: takes OTLP/HTTP protobuf exports of
/// traces, metrics and logs and keeps every body as it came. Protobuf carries strings as plain UTF-8, so
/// a byte search finds any text a span, metric or log record carries.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();

    private OtlpReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>The settings that point a process's OpenTelemetry SDK here, exporting every half second.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
    };

    public int Count(string signal) => _exports.Count(e => e.Signal == signal);

    /// <summary>Whether any export of this signal ("traces", "metrics", "logs") holds the text.</summary>
    public bool Contains(string signal, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return _exports.Any(e => e.Signal == signal && e.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    /// <summary>The signals whose exports hold the text anywhere, in any letter case.</summary>
    public IReadOnlyList<string> SignalsContaining(string text)
    {
        string[] forms = [text, text.ToLowerInvariant(), text.ToUpperInvariant()];
        return [.. _exports.Where(e => forms.Any(f => e.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(f)) >= 0)).Select(e => e.Signal).Distinct()];
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, port);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            var source = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            await source.CopyToAsync(body);
            receiver._exports.Enqueue((signal, body.ToArray()));

            // An empty ExportServiceResponse: everything accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
