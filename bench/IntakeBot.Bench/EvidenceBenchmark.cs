using System.Diagnostics;
using System.Globalization;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Storage;
using IntakeBot.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using IntakeBot.Conversation;

namespace IntakeBot.Bench;

/// <summary>Streams one large evidence file through the product's whole path (allow-list, fetch,
/// type check, hashing, blob upload) and, in the same run, the same bytes from the same server through
/// a plain Azure.Storage.Blobs upload; prints throughput and the process's peak memory growth.</summary>
internal static class EvidenceBenchmark
{
    public static async Task RunAsync(string repoRoot, long sizeBytes, int rounds)
    {
        using var azurite = await LocalAzurite.StartAsync(repoRoot);
        await using var files = await StartFileServerAsync(sizeBytes);
        var fileUrl = $"http://127.0.0.1:{files.Urls.First().Split(':')[^1]}/evidence.mp4";

        var service = new BlobServiceClient(azurite.ConnectionString);
        var containers = new BlobContainers(service, new StorageOptions { CasesContainer = "cases", StateContainer = "botstate" });
        await containers.CreateIfMissingAsync(CancellationToken.None);
        var cases = new BlobCaseStore(containers);
        // Named cases only: the seal is never used, so it has no key.
        var store = new EvidenceStore(containers, TimeProvider.System, new EvidenceSeal(new UnconfiguredKeyWrap()));
        var evidenceOptions = Options.Create(new EvidenceOptions { MaxBytes = sizeBytes + 1, AllowedHosts = ["127.0.0.1"], AllowLoopbackHttp = true, TimeoutSeconds = 600 });
        var services = new ServiceCollection();
        services.AddHttpClient(AttachmentFetcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        using var provider = services.BuildServiceProvider();
        var fetcher = new AttachmentFetcher(provider.GetRequiredService<IHttpClientFactory>(), new NoToken(), evidenceOptions);
        // The case limits are out of the way: the benchmark measures the path, not the limits.
        var limits = Options.Create(new CaseLimits { EvidenceItemsPerCase = 1000, EvidenceBytesPerCase = 1L << 40 });
        var state = new ConversationStateAccessors(new ConversationState(new MemoryStorage()));
        var intake = new EvidenceIntake(fetcher, store, TextCatalog.Load(), evidenceOptions, NullLogger<EvidenceIntake>.Instance, new KeptEvidence(state, cases, Options.Create(new IdentityOptions())), limits);
        using var plainClient = new HttpClient();

        Console.WriteLine($"Evidence benchmark: {sizeBytes / (1024 * 1024)} MB file, {rounds} rounds each, on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        for (var round = 1; round <= rounds; round++)
        {
            var plain = await MeasureAsync(async () =>
            {
                using var response = await plainClient.GetAsync(fileUrl, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                await containers.Cases.GetBlobClient($"plain/{Guid.NewGuid():N}").UploadAsync(body, new BlobUploadOptions
                {
                    TransferOptions = new StorageTransferOptions { InitialTransferSize = 4 * 1024 * 1024, MaximumTransferSize = 4 * 1024 * 1024, MaximumConcurrency = 2 },
                });
            });

            var reference = CaseReference.NewReference();
            await cases.TryCreateAsync(new CaseRecord { Reference = reference, Reporter = new Reporter("29:bench", "bench", "Bench"), Owner = "bench", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
            var product = await MeasureAsync(async () =>
            {
                var replies = await intake.TakeAsync(Turn(fileUrl), new TurnTranscript(), reference, CancellationToken.None);
                if (!replies[0].StartsWith("Saved", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The evidence was not stored: " + replies[0]);
                }
            });

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: plain upload {Throughput(sizeBytes, plain.Elapsed):0.0} MB/s, peak growth {plain.PeakGrowth / (1024.0 * 1024):0.0} MB | evidence path {Throughput(sizeBytes, product.Elapsed):0.0} MB/s ({Throughput(sizeBytes, product.Elapsed) / Throughput(sizeBytes, plain.Elapsed):P0} of plain), peak growth {product.PeakGrowth / (1024.0 * 1024):0.0} MB"));
        }

        await files.StopAsync();
    }

    private static double Throughput(long bytes, TimeSpan elapsed) => bytes / (1024.0 * 1024) / elapsed.TotalSeconds;

    private static async Task<(TimeSpan Elapsed, long PeakGrowth)> MeasureAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5);
            }
        });
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        return (clock.Elapsed, peak - before);
    }

    private static TurnContext Turn(string fileUrl)
    {
        var activity = new Microsoft.Bot.Schema.Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "msteams",
            ServiceUrl = "http://127.0.0.1:9/",
            From = new ChannelAccount("29:bench", "Bench", aadObjectId: "bench"),
            Conversation = new ConversationAccount(conversationType: "personal", id: "a:bench"),
            Attachments =
            [
                new Attachment(EvidenceIntake.FileDownloadInfo, name: "evidence.mp4", content: new JObject { ["downloadUrl"] = fileUrl }),
            ],
        };
        return new TurnContext(new TestAdapter(), activity);
    }

    private static async Task<WebApplication> StartFileServerAsync(long size)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LocalAzurite.FreePort()}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/evidence.mp4", async (HttpResponse response) =>
        {
            response.ContentType = "video/mp4";
            response.ContentLength = size;
            var chunk = new byte[81920];
            Random.Shared.NextBytes(chunk);
            "\0\0\0\u0018ftypmp42"u8.ToArray().CopyTo(chunk, 0);
            for (long sent = 0; sent < size; sent += chunk.Length)
            {
                await response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)));
            }
        });
        await app.StartAsync();
        return app;
    }

    private sealed class NoToken : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
