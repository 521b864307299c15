using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Stands in for the Teams connector (the activity's serviceUrl) on a loopback port:
/// records what the bot sends to a conversation and answers member look-ups with a UPN.</summary>
public sealed class ConnectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string ConversationId, JObject Activity)> _sent = new();
    private readonly ConcurrentDictionary<string, string> _upns = new();
    private readonly ConcurrentQueue<JObject> _created = new();

    private ConnectorStub(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}/";

    public IReadOnlyList<(string ConversationId, JObject Activity)> Sent => [.. _sent];

    public IReadOnlyList<JObject> CreatedConversations => [.. _created];

    public void KnowMember(string aadObjectId, string upn) => _upns[aadObjectId] = upn;

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
            stub._created.Enqueue(JObject.Parse(await reader.ReadToEndAsync()));
            return Results.Json(new { id = $"a:private-{stub._created.Count}", serviceUrl = stub.ServiceUrl });
        });
        app.MapPost("/v3/conversations/{conversationId}/activities", async (string conversationId, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            stub._sent.Enqueue((conversationId, JObject.Parse(await reader.ReadToEndAsync())));
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyTo}", async (string conversationId, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            stub._sent.Enqueue((conversationId, JObject.Parse(await reader.ReadToEndAsync())));
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", (string conversationId, string memberId) =>
        {
            var aad = memberId.StartsWith("29:", StringComparison.Ordinal) ? memberId[3..] : memberId;
            return stub._upns.TryGetValue(aad, out var upn)
                ? Results.Json(new { id = memberId, name = "Member", aadObjectId = aad, userPrincipalName = upn, email = upn })
                : Results.NotFound();
        });

        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
