using System.Collections.Concurrent;
using IntakeBot.Evidence;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace IntakeBot.Tests.Evidence;

/// <summary>The app <see cref="EvidenceTests"/> share, with a file server on 127.0.0.1 standing in for
/// Teams' download URLs and the connector: evidence may be fetched from 127.0.0.1 only, and every request
/// the evidence client makes off it is noted in <see cref="Forbidden"/> (and fails).</summary>
public sealed class EvidenceApp : BotAppFixture
{
    public FileServer Files { get; private set; } = null!;

    /// <summary>Requests off 127.0.0.1, in the order made; each test starts with none.</summary>
    public ConcurrentQueue<string> Forbidden { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Evidence:AllowedHosts:0"] = "127.0.0.1",
        ["Evidence:AllowLoopbackHttp"] = "true",
    };

    protected override void Services(IServiceCollection services)
    {
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>())).ReturnsAsync(FileServer.BotToken);
        services.AddSingleton(tokens.Object);
        services.AddHttpClient(AttachmentFetcher.HttpClientName).AddHttpMessageHandler(() => new LoopbackOnly(Forbidden));
    }

    public override async Task InitializeAsync()
    {
        Files = await FileServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Files.DisposeAsync();
    }

    /// <summary>Fails the request, and notes it, for any host but 127.0.0.1.</summary>
    private sealed class LoopbackOnly(ConcurrentQueue<string> forbidden) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Host != "127.0.0.1")
            {
                forbidden.Enqueue(request.RequestUri.ToString());
                throw new InvalidOperationException("The test forbids traffic to " + request.RequestUri.Host);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
