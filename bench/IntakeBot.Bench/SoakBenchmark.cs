using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Bench;

/// <summary>Two bot processes on one Azurite (on disk, so that it can restart), turns sent round-robin,
/// people doing whole intakes and then a follow-up thread with the owner; about one activity in ten is
/// delivered again with the same id (half of them while the first delivery runs), a bot process is killed
/// and started again every 8–12 s, Azurite is restarted once. Every free-text answer carries a canary word;
/// at the end it counts, from the stored blobs and the notifications received, what was lost or kept twice,
/// and whether anyone was told a message was not saved when it was. Bounded in people and time, loopback only.</summary>
internal static partial class SoakBenchmark
{
    private const string Owner = "5a0c1e2d-7f3b-4c6a-9e8d-1b2c3d4e5f60";
    private static readonly string[] NotSaved = ["couldn't save your last message", "could only keep the other one", "couldn't finish handling your last message"];

    public static async Task<int> RunAsync(string repoRoot, int people, TimeSpan duration)
    {
        var dll = Path.Combine(repoRoot, "src", "IntakeBot", "bin", "Release", "net10.0", "IntakeBot.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException("Build the bot first: dotnet build src/IntakeBot -c Release");
        }

        var location = Directory.CreateTempSubdirectory("soak-azurite-").FullName;
        var azuritePort = LocalAzurite.FreePort();
        var azurite = await LocalAzurite.StartAsync(repoRoot, azuritePort, location);
        var connector = await Connector.StartAsync();
        var bots = new[] { new Bot(dll, azurite.ConnectionString), new Bot(dll, azurite.ConnectionString) };
        var cpu = new CpuSampler();
        var run = new Run(bots, connector.Url);
        using var stop = new CancellationTokenSource(duration);
        try
        {
            foreach (var bot in bots)
            {
                await bot.StartAsync();
            }

            Console.WriteLine($"Soak: {people} people, 2 bot processes on one Azurite, {Environment.ProcessorCount} cores, load average at start {CpuSampler.LoadAverage()}, at most {duration.TotalSeconds:F0} s");
            await run.SayAsync(Owner, "owner", "hello", CancellationToken.None);
            var chaos = ChaosAsync(bots, () => azurite, a => azurite = a, repoRoot, azuritePort, location, duration, stop.Token);
            var work = Task.WhenAll(Enumerable.Range(0, people).Select(i => run.PersonAsync(i, stop.Token)));
            await Task.WhenAny(work, Task.Delay(duration + TimeSpan.FromSeconds(30)));
            await stop.CancelAsync();
            await chaos;
            foreach (var bot in bots.Where(b => !b.Running))
            {
                await bot.StartAsync();
            }

            // Work left by a killed process is healed by the background pass and the next turns.
            var service = new BlobServiceClient(azurite.ConnectionString);
            await QuiesceAsync(service, TimeSpan.FromSeconds(90));
            return await ReportAsync(run, service, connector, cpu);
        }
        finally
        {
            foreach (var bot in bots)
            {
                bot.Stop();
            }

            await connector.DisposeAsync();
            azurite.Dispose();
            Directory.Delete(location, recursive: true);
        }
    }

    private static async Task ChaosAsync(Bot[] bots, Func<LocalAzurite> current, Action<LocalAzurite> replaced, string repoRoot, int port, string location, TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var restartedStorage = false;
        var next = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(8 + Random.Shared.NextDouble() * 4), cancellationToken);
                if (!restartedStorage && started.Elapsed > duration * 0.4)
                {
                    restartedStorage = true;
                    Console.WriteLine($"{started.Elapsed.TotalSeconds,5:F0} s: Azurite restarted");
                    current().Dispose();
                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                    replaced(await LocalAzurite.StartAsync(repoRoot, port, location));
                    continue;
                }

                var bot = bots[next++ % bots.Length];
                Console.WriteLine($"{started.Elapsed.TotalSeconds,5:F0} s: bot {Array.IndexOf(bots, bot)} killed and started again");
                bot.Stop();
                await bot.StartAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task QuiesceAsync(BlobServiceClient service, TimeSpan limit)
    {
        var state = service.GetBlobContainerClient("botstate");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var busy = false;
            await foreach (var blob in state.GetBlobsAsync())
            {
                if (blob.Name.StartsWith("outbox/", StringComparison.Ordinal))
                {
                    busy = true;
                    break;
                }

                var json = (await state.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                if (json.Contains("\"pendingCase\":{", StringComparison.Ordinal) || json.Contains("\"pendingChanges\":[{", StringComparison.Ordinal))
                {
                    busy = true;
                    break;
                }
            }

            if (!busy)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Console.WriteLine("Work was still pending after the wait: the counts below may show it as lost.");
    }

    private static async Task<int> ReportAsync(Run run, BlobServiceClient service, Connector connector, CpuSampler cpu)
    {
        var cases = service.GetBlobContainerClient("cases");
        var texts = new Dictionary<string, StringBuilder>();
        var transcripts = new Dictionary<string, string>();
        var audits = new Dictionary<string, string>();
        await foreach (var blob in cases.GetBlobsAsync())
        {
            var reference = blob.Name.Split('/')[0];
            var content = (await cases.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            if (blob.Name.EndsWith("/transcript.jsonl", StringComparison.Ordinal))
            {
                transcripts[reference] = content;
            }
            else if (blob.Name.EndsWith("/audit.jsonl", StringComparison.Ordinal))
            {
                audits[reference] = content;
            }
            else if (blob.Name.EndsWith(".json", StringComparison.Ordinal) || blob.Name.EndsWith(".txt", StringComparison.Ordinal))
            {
                (texts.TryGetValue(reference, out var sb) ? sb : texts[reference] = new StringBuilder()).Append(content);
            }
        }

        static int Count(string text, string word) => Regex.Count(text, Regex.Escape(word));
        int lostAnswers = 0, twiceAnswers = 0, lostLines = 0, twiceLines = 0;
        foreach (var (canary, reference) in run.Canaries)
        {
            var inCase = reference is not null && texts.TryGetValue(reference, out var t) ? Count(t.ToString(), canary) : 0;
            var inTranscript = reference is not null && transcripts.TryGetValue(reference, out var tr)
                ? tr.Split('\n').Count(l => l.Contains("\"in\"", StringComparison.Ordinal) && l.Contains(canary, StringComparison.Ordinal)) : 0;
            lostAnswers += inCase == 0 ? 1 : 0;
            twiceAnswers += inCase > 1 ? 1 : 0;
            lostLines += inTranscript == 0 ? 1 : 0;
            twiceLines += inTranscript > 1 ? 1 : 0;
        }

        var submitted = run.References.Values.ToList();
        var caseFolders = texts.Keys.Where(k => k.StartsWith("IR-", StringComparison.Ordinal)).ToList();
        var lostCases = submitted.Count(r => !caseFolders.Contains(r));
        var extraCases = caseFolders.Count - submitted.Distinct().Count();
        int lostAudit = 0, twiceAudit = 0;
        foreach (var reference in run.Threads)
        {
            var audit = audits.GetValueOrDefault(reference, string.Empty);
            var fromOwner = Count(audit, "\"owner\"");
            var fromReporter = Count(audit, "\"reporter\"");
            lostAudit += (fromOwner == 0 ? 1 : 0) + (fromReporter == 0 ? 1 : 0);
            twiceAudit += (fromOwner > 1 ? 1 : 0) + (fromReporter > 1 ? 1 : 0);
        }

        int lostNotes = 0, twiceNotes = 0;
        foreach (var reference in submitted)
        {
            var expected = new List<string> { $"Reference: {reference}" };
            if (run.Threads.Contains(reference))
            {
                expected.Add($"new message about your report {reference}");
                expected.Add($"has replied about {reference}");
            }

            foreach (var words in expected)
            {
                var n = connector.Received.Count(r => r.Contains(words, StringComparison.Ordinal));
                lostNotes += n == 0 ? 1 : 0;
                twiceNotes += n > 1 ? 1 : 0;
            }
        }

        var toldWrongly = run.ToldNotSaved.Count(c => run.Canaries.Any(k => k.Key == c && k.Value is { } r && transcripts.TryGetValue(r, out var tr) && tr.Contains(c, StringComparison.Ordinal)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sent {run.Sent} activities, {run.Redelivered} delivered again with the same id ({run.Concurrent} while the first ran), {run.Retried} sent again after a connection failure; {submitted.Count} cases submitted, {run.Threads.Count} follow-up threads"));
        Console.WriteLine($"answers ({run.Canaries.Count} canaries): lost {lostAnswers}, twice {twiceAnswers}");
        Console.WriteLine($"transcript lines: lost {lostLines}, twice {twiceLines}");
        Console.WriteLine($"audit entries (thread messages): lost {lostAudit}, twice {twiceAudit}");
        Console.WriteLine($"cases: lost {lostCases}, extra {extraCases}");
        Console.WriteLine($"notifications: lost {lostNotes}, twice {twiceNotes}");
        Console.WriteLine($"told a message was not saved: {run.ToldNotSaved.Count} times, of which the message was kept after all: {toldWrongly}");
        Console.WriteLine($"people who did not finish in time: {run.Unfinished}; CPU: {cpu.Summary()}");
        return lostAnswers + twiceAnswers + lostLines + twiceLines + twiceAudit + lostCases + extraCases + twiceNotes + toldWrongly == 0 ? 0 : 1;
    }

    [GeneratedRegex("IR-[A-Z0-9]{8}")]
    private static partial Regex Reference();

    /// <summary>The people, their conversations, and what they were told.</summary>
    private sealed class Run(Bot[] bots, string serviceUrl)
    {
        // The intake the end-to-end tests walk through (tests/IntakeBot.Tests/Infrastructure/Intake.cs), with a canary in every free-text answer.
        private static readonly string[] Script =
        [
            "report", "He shouted at me in the stand-up meeting {0}", "It happend again teh next day {0}", "done", "nothing",
            "It happened to me", "Last Tuesday morning {0}", "No", "Yes", "Online", "The team's Teams meeting {0}", "My team lead {0}",
            "Two colleagues {0}", "I feel anxious before meetings {0}", "skip", "I would like to talk to someone {0}",
            "A Teams chat is fine {0}", "Afternoons are best {0}", "submit",
        ];

        private long _next;
        private int _sent;
        private int _redelivered;
        private int _concurrent;
        private int _retried;
        private int _unfinished;

        public ConcurrentDictionary<string, string?> Canaries { get; } = new();

        public ConcurrentDictionary<int, string> References { get; } = new();

        public ConcurrentBag<string> Threads { get; } = [];

        public ConcurrentBag<string> ToldNotSaved { get; } = [];

        public int Sent => _sent;

        public int Redelivered => _redelivered;

        public int Concurrent => _concurrent;

        public int Retried => _retried;

        public int Unfinished => _unfinished;

        public async Task PersonAsync(int index, CancellationToken cancellationToken)
        {
            var person = Guid.NewGuid().ToString();
            var conversation = $"a:soak-{index}-{Guid.NewGuid():N}";
            var canaries = new List<string>();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(index * 150), cancellationToken);
                string? reference = null;
                foreach (var line in Script)
                {
                    var canary = $"canary{Guid.NewGuid():N}"[..18];
                    var text = line.Contains("{0}", StringComparison.Ordinal) ? string.Format(CultureInfo.InvariantCulture, line, canary) : line;
                    if (text != line)
                    {
                        canaries.Add(canary);
                    }

                    var replies = await SayAsync(person, conversation, text, cancellationToken, canary);
                    reference ??= replies.Select(r => Reference().Match(r)).FirstOrDefault(m => m.Success)?.Value;
                }

                if (reference is null)
                {
                    Interlocked.Increment(ref _unfinished);
                    return;
                }

                References[index] = reference;
                foreach (var c in canaries)
                {
                    Canaries[c] = reference;
                }

                var ownerCanary = $"canary{Guid.NewGuid():N}"[..18];
                Canaries[ownerCanary] = reference;
                await SayAsync(Owner, "owner", $"message {reference} could we tlak on tuesday {ownerCanary}", cancellationToken, ownerCanary);
                var replyCanary = $"canary{Guid.NewGuid():N}"[..18];
                Canaries[replyCanary] = reference;
                await SayAsync(person, conversation, $"reply {reference} yes after lunch is fine {replyCanary}", cancellationToken, replyCanary);
                Threads.Add(reference);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _unfinished);
            }
        }

        /// <summary>One activity, to the next process; sent again with the same id (as the channel does)
        /// when the connection fails, and now and then delivered twice on purpose. A person told their
        /// message was not saved sends it again, with a new id.</summary>
        public async Task<IReadOnlyList<string>> SayAsync(string person, string conversation, string text, CancellationToken cancellationToken, string? canary = null)
        {
            for (var resend = 0; resend < 3; resend++)
            {
                var id = Guid.NewGuid().ToString("N");
                var json = Activity(person, conversation, text, id);
                Interlocked.Increment(ref _sent);
                Task<IReadOnlyList<string>>? twin = null;
                var roll = Random.Shared.NextDouble();
                if (roll < 0.05)
                {
                    Interlocked.Increment(ref _redelivered);
                    Interlocked.Increment(ref _concurrent);
                    twin = DeliverAsync(json, cancellationToken);
                }

                var replies = await DeliverAsync(json, cancellationToken);
                if (roll is >= 0.05 and < 0.10)
                {
                    Interlocked.Increment(ref _redelivered);
                    await DeliverAsync(json, cancellationToken);
                }

                if (twin is not null)
                {
                    replies = [.. replies, .. await twin];
                }

                if (!replies.Any(r => NotSaved.Any(n => r.Contains(n, StringComparison.Ordinal))))
                {
                    return replies;
                }

                if (canary is not null)
                {
                    ToldNotSaved.Add(canary);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }

            return [];
        }

        private async Task<IReadOnlyList<string>> DeliverAsync(string json, CancellationToken cancellationToken)
        {
            while (true)
            {
                var bot = bots[(int)(Interlocked.Increment(ref _next) % bots.Length)];
                try
                {
                    using var response = await bot.Http.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var body = JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                        return [.. (body["activities"] as JArray ?? []).Select(a => a.Value<string>("text") ?? string.Empty)];
                    }
                }
                catch (HttpRequestException)
                {
                    // The process was killed or is starting: the channel delivers the activity again.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }

                Interlocked.Increment(ref _retried);
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }

        private string Activity(string person, string conversation, string text, string id) => new JObject
        {
            ["type"] = "message",
            ["id"] = id,
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JObject { ["id"] = $"29:{person}", ["aadObjectId"] = person },
            ["recipient"] = new JObject { ["id"] = "28:bot" },
            ["conversation"] = new JObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = "soak" },
            ["text"] = text,
        }.ToString();
    }

    /// <summary>One bot process on a fixed loopback port, so that it can be killed and started again there.</summary>
    private sealed class Bot(string dll, string connectionString)
    {
        private readonly int _port = LocalAzurite.FreePort();
        private Process? _process;

        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

        public bool Running => _process is { HasExited: false };

        public async Task StartAsync()
        {
            Http.BaseAddress ??= new Uri($"http://127.0.0.1:{_port}");
            var start = new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--urls", $"http://127.0.0.1:{_port}" }, WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["Storage__ConnectionString"] = connectionString;
            start.Environment["Intake__FaqUrl"] = "https://example.test/faq";
            start.Environment["Intake__UrgentHelp"] = "the security desk";
            start.Environment["Intake__DefaultOwner"] = Owner;
            start.Environment["Intake__Responders__0"] = Owner;
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            _process = Process.Start(start)!;
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            await LocalAzurite.WaitForPortAsync(_port);
        }

        public void Stop()
        {
            if (_process is { } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                process.Dispose();
                _process = null;
            }
        }
    }

    /// <summary>The Bot Connector, as far as proactive messages need it: it records every text sent.</summary>
    private sealed class Connector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Connector(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public ConcurrentBag<string> Received { get; } = [];

        public static async Task<Connector> StartAsync()
        {
            var port = LocalAzurite.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var connector = new Connector(app, $"http://127.0.0.1:{port}/");
            app.MapPost("/v3/conversations", () => Results.Json(new { id = $"a:{Guid.NewGuid():N}" }));
            app.MapPost("/v3/conversations/{id}/activities", async (HttpRequest request) =>
            {
                var body = JObject.Parse(await new StreamReader(request.Body).ReadToEndAsync());
                connector.Received.Add(body.Value<string>("text") ?? string.Empty);
                return Results.Json(new { id = Guid.NewGuid().ToString("N") });
            });
            app.MapPost("/v3/conversations/{id}/activities/{replyTo}", async (HttpRequest request) =>
            {
                var body = JObject.Parse(await new StreamReader(request.Body).ReadToEndAsync());
                connector.Received.Add(body.Value<string>("text") ?? string.Empty);
                return Results.Json(new { id = Guid.NewGuid().ToString("N") });
            });
            await app.StartAsync();
            return connector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>The machine's load while the soak ran (the machine is shared): load average and how much of
    /// its CPU time was busy, from /proc.</summary>
    private sealed class CpuSampler
    {
        private readonly (long Busy, long Total) _start = Read();

        public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

        public string Summary()
        {
            var end = Read();
            var busy = (double)(end.Busy - _start.Busy) / Math.Max(1, end.Total - _start.Total);
            return string.Create(CultureInfo.InvariantCulture, $"{busy:P0} of {Environment.ProcessorCount} cores busy (all processes), load average at end {LoadAverage()}");
        }

        private static (long Busy, long Total) Read()
        {
            if (!File.Exists("/proc/stat"))
            {
                return (0, 0);
            }

            var parts = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var idle = parts[3] + parts[4];
            return (parts.Sum() - idle, parts.Sum());
        }
    }
}
