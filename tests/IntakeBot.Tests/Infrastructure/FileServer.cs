using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Stands in for Teams' file download URLs and the connector's attachment endpoint, on
/// 127.0.0.1: serves registered files (also under a OneDrive-like personal path), a stream of any
/// length, a body that drips, a redirect, and images that need the bot's bearer token. Records every
/// request it gets.</summary>
public sealed class FileServer : IAsyncDisposable
{
    public const string BotToken = "test-bot-token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private int _dripped;

    private FileServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>How many slow bytes /drip has sent after its first ones.</summary>
    public int Dripped => Volatile.Read(ref _dripped);

    public string Serve(string name, byte[] bytes, string contentType = "application/octet-stream")
    {
        _files[name] = (bytes, contentType);
        return $"{BaseUrl}/files/{Uri.EscapeDataString(name)}";
    }

    public static async Task<FileServer> StartAsync(string redirectTarget = "http://127.0.0.2:9/elsewhere")
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FileServer(app, port);

        app.Use(async (context, next) =>
        {
            server._requests.Enqueue($"{context.Request.Path} auth={context.Request.Headers.Authorization}");
            await next(context);
        });
        app.MapGet("/files/{name}", (string name) => server._files.TryGetValue(name, out var file)
            ? Results.Bytes(file.Bytes, file.ContentType)
            : Results.NotFound());
        app.MapGet("/attachments/{name}", (string name, HttpRequest request) =>
            request.Headers.Authorization != $"Bearer {BotToken}" ? Results.Unauthorized()
            : server._files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.ContentType)
            : Results.NotFound());
        app.MapGet("/stream/{size:long}", async (long size, HttpResponse response) =>
        {
            // No Content-Length: the size is only known by reading it all.
            response.ContentType = "image/png";
            var chunk = new byte[64 * 1024];
            new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(chunk, 0);
            for (long sent = 0; sent < size; sent += chunk.Length)
            {
                await response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)));
                chunk[0] = 0;
            }
        });
        app.MapGet("/declared-large", async (HttpResponse response) =>
        {
            response.ContentLength = 60L * 1024 * 1024;
            response.ContentType = "application/pdf";
            await response.Body.WriteAsync("%PDF-"u8.ToArray());
            await response.Body.FlushAsync();
        });
        app.MapGet("/personal/{owner}/Documents/{name}", (string name) => server._files.TryGetValue(name, out var file)
            ? Results.Bytes(file.Bytes, file.ContentType)
            : Results.NotFound());
        app.MapGet("/drip/{head:int}", async (int head, HttpResponse response, CancellationToken aborted) =>
        {
            // The first bytes of a PDF at once, then one byte at a time, slowly, for as long as the
            // client keeps the connection open (or until the server stops).
            response.ContentType = "application/pdf";
            var start = new byte[head];
            "%PDF-1.7\n"u8.ToArray().AsSpan(0, Math.Min(head, 9)).CopyTo(start);
            await response.Body.WriteAsync(start, aborted);
            await response.Body.FlushAsync(aborted);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, app.Lifetime.ApplicationStopping);
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stop.Token);
                    await response.Body.WriteAsync("x"u8.ToArray(), stop.Token);
                    await response.Body.FlushAsync(stop.Token);
                    Interlocked.Increment(ref server._dripped);
                }
            }
            catch (OperationCanceledException)
            {
                // The client hung up, as it should.
            }
            catch (IOException)
            {
                // The client hung up mid-write.
            }
        });
        app.MapGet("/redirect", () => Results.Redirect(redirectTarget));
        app.MapGet("/redirect-same-host/{name}", (string name) => Results.Redirect($"/files/{name}"));

        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
