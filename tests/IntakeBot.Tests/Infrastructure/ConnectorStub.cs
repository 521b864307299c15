using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Stands in for the Teams connector (the activity's serviceUrl) on a loopback port:
/// records what the bot sends to a conversation and answers member look-ups with a UPN. It can also
/// answer 502 to replies (the next few, or all to one conversation for a while), and serve a file
/// download that stalls until the test lets it go.</summary>
public sealed class ConnectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string ConversationId, JObject Activity)> _sent = new();
    private readonly ConcurrentDictionary<string, string> _upns = new();
    private readonly ConcurrentQueue<JObject> _created = new();
    private readonly ConcurrentDictionary<string, string> _privateChats = new();
    private readonly ConcurrentDictionary<string, byte[]> _stalledFiles = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _downloadsStarted = new(0);
    private readonly ConcurrentDictionary<string, byte[]> _images = new();
    private readonly ConcurrentQueue<string> _imageRequests = new();
    private readonly ConcurrentDictionary<string, int> _unreachable = new();
    private int _failReplies;
    private TaskCompletionSource? _answersHeld;
    private int _failStatus = StatusCodes.Status502BadGateway;
    private TaskCompletionSource _sentChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConnectorStub(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}/";

    public IReadOnlyList<(string ConversationId, JObject Activity)> Sent => [.. _sent];

    public IReadOnlyList<JObject> CreatedConversations => [.. _created];

    /// <summary>The 1:1 conversation the stub gave (or will give) the bot with this person.</summary>
    public string PrivateChatOf(string aadObjectId) => _privateChats.GetOrAdd(aadObjectId, _ => $"a:private-{_privateChats.Count + 1}");

    public void KnowMember(string aadObjectId, string upn) => _upns[aadObjectId] = upn;

    /// <summary>Waits until something matching <paramref name="match"/> was sent (notifications leave
    /// after the turn, from the outbox).</summary>
    public async Task<(string ConversationId, JObject Activity)> WaitForSentAsync(Func<JObject, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = Volatile.Read(ref _sentChanged).Task;
            if (_sent.FirstOrDefault(s => match(s.Activity)) is { Activity: not null } found)
            {
                return found;
            }

            await changed.WaitAsync(cancel.Token);
        }
    }

    private void Record(string conversationId, JObject activity)
    {
        _sent.Enqueue((conversationId, activity));
        Interlocked.Exchange(ref _sentChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>From now on, an activity sent to a conversation is recorded as received and then not
    /// answered until <see cref="AnswerHeld"/>: a connector that took a message and is slow to say so.</summary>
    public void HoldAnswers() => Volatile.Write(ref _answersHeld, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Answers everything held, and answers at once from then on.</summary>
    public void AnswerHeld() => Interlocked.Exchange(ref _answersHeld, null)?.TrySetResult();

    private Task AnswerAsync() => Volatile.Read(ref _answersHeld)?.Task ?? Task.CompletedTask;

    /// <summary>The next <paramref name="count"/> activities sent to a conversation get 502 Bad Gateway
    /// (or <paramref name="status"/>, such as 403 when the person has blocked the bot).</summary>
    public void FailNextReplies(int count, int status = StatusCodes.Status502BadGateway)
    {
        Volatile.Write(ref _failStatus, status);
        Interlocked.Exchange(ref _failReplies, count);
    }

    /// <summary>From now on, until <see cref="Reach"/>, every activity sent to this conversation gets 502
    /// Bad Gateway: one person the connector cannot reach for a while, while everyone else is reached.</summary>
    public void Unreach(string conversationId) => _unreachable.TryAdd(conversationId, 0);

    public void Reach(string conversationId) => _unreachable.TryRemove(conversationId, out _);

    /// <summary>How many activities to the conversation were refused since <see cref="Unreach"/>.</summary>
    public int RefusedTo(string conversationId) => _unreachable.TryGetValue(conversationId, out var refused) ? refused : 0;

    private bool Unreachable(string conversationId)
    {
        if (!_unreachable.ContainsKey(conversationId))
        {
            return false;
        }

        _unreachable.AddOrUpdate(conversationId, 1, (_, refused) => refused + 1);
        return true;
    }

    /// <summary>An image on the connector's host (as Teams hosts pasted images), served at once.</summary>
    public string ServeImage(string name, byte[] bytes)
    {
        _images[name] = bytes;
        return $"{ServiceUrl}images/{Uri.EscapeDataString(name)}";
    }

    /// <summary>The names of the images asked for, in order.</summary>
    public IReadOnlyList<string> ImageRequests => [.. _imageRequests];

    /// <summary>A download URL whose body is sent only after <see cref="ReleaseDownloads"/>.</summary>
    public string ServeStalled(string name, byte[] bytes)
    {
        _stalledFiles[name] = bytes;
        return $"{ServiceUrl}files/{Uri.EscapeDataString(name)}";
    }

    public void ReleaseDownloads() => _release.TrySetResult();

    /// <summary>Waits until <paramref name="count"/> stalled downloads have started.</summary>
    public async Task WaitForDownloadsAsync(int count, TimeSpan timeout)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await _downloadsStarted.WaitAsync(timeout), $"Only {i} of {count} downloads started.");
        }
    }

    private bool FailThisReply()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failReplies);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failReplies, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    public static async Task<ConnectorStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new ConnectorStub(app) { Port = port };

        app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var parameters = JObject.Parse(await reader.ReadToEndAsync());
            stub._created.Enqueue(parameters);

            // As Teams does, a 1:1 with the same person is the same conversation every time.
            var member = parameters["members"]?[0]?.Value<string>("aadObjectId") ?? Guid.NewGuid().ToString();
            var id = stub._privateChats.GetOrAdd(member, _ => $"a:private-{stub._privateChats.Count + 1}");
            return Results.Json(new { id, serviceUrl = stub.ServiceUrl });
        });
        app.MapPost("/v3/conversations/{conversationId}/activities", async Task<IResult> (string conversationId, HttpRequest request) =>
        {
            if (stub.Unreachable(conversationId) || stub.FailThisReply())
            {
                return Results.StatusCode(Volatile.Read(ref stub._failStatus));
            }

            using var reader = new StreamReader(request.Body);
            stub.Record(conversationId, JObject.Parse(await reader.ReadToEndAsync()));
            await stub.AnswerAsync();
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyTo}", async Task<IResult> (string conversationId, HttpRequest request) =>
        {
            if (stub.Unreachable(conversationId) || stub.FailThisReply())
            {
                return Results.StatusCode(Volatile.Read(ref stub._failStatus));
            }

            using var reader = new StreamReader(request.Body);
            stub.Record(conversationId, JObject.Parse(await reader.ReadToEndAsync()));
            await stub.AnswerAsync();
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", (string conversationId, string memberId) =>
        {
            var aad = memberId.StartsWith("29:", StringComparison.Ordinal) ? memberId[3..] : memberId;
            return stub._upns.TryGetValue(aad, out var upn)
                ? Results.Json(new { id = memberId, name = "Member", aadObjectId = aad, userPrincipalName = upn, email = upn })
                : Results.NotFound();
        });

        app.MapGet("/images/{name}", (string name) =>
        {
            stub._imageRequests.Enqueue(name);
            return stub._images.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "image/png") : Results.NotFound();
        });

        app.MapGet("/files/{name}", async Task<IResult> (string name) =>
        {
            if (!stub._stalledFiles.TryGetValue(name, out var bytes))
            {
                return Results.NotFound();
            }

            stub._downloadsStarted.Release();
            await stub._release.Task;
            return Results.Bytes(bytes, "application/pdf");
        });

        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _downloadsStarted.Dispose();
    }
}
