using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Bench;

/// <summary>Starts Azurite, the built bot and the independent echo peer (bench/EchoPeer: the same CloudAdapter,
/// one state read and one conditional write a turn), as many processes of each as asked, then drives many
/// concurrent conversations over HTTP with expectReplies: whole reporter intakes, the bot's own echo
/// endpoint (its whole pipeline, no dialog) and the peer, in alternating rounds in the same run. Prints turns
/// per second, p50/p95/p99 turn latency (and the intake's submit turn's, the one that writes a case) and each
/// kind's peak memory, and the intake against both baselines.</summary>
internal static class LoadBenchmark
{
    private static readonly string[] Intake =
    [
        "report", "It started at the team offsite", "It went on the next day", "done", "Last month", "No", "Online",
        "The team channel", "A colleague", "skip", "It makes me anxious", "skip", "skip", "A Teams chat is fine", "submit",
    ];

    public static async Task RunAsync(string repoRoot, int conversations, int processes)
    {
        using var azurite = await LocalAzurite.StartAsync(repoRoot);
        var dll = Path.Combine(repoRoot, "src", "IntakeBot", "bin", "Release", "net10.0", "IntakeBot.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException("Build the bot first: dotnet build src/IntakeBot -c Release");
        }

        var peerDll = Path.Combine(repoRoot, "bench", "EchoPeer", "bin", "Release", "net10.0", "EchoPeer.dll");
        if (!File.Exists(peerDll))
        {
            throw new InvalidOperationException("Build the peer first: dotnet build bench/EchoPeer -c Release");
        }

        var owner = Guid.NewGuid().ToString();
        var bots = new List<(Process Process, HttpClient Http)>();
        var peers = new List<(Process Process, HttpClient Http)>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                bots.Add(await StartAsync(dll, azurite.ConnectionString, BotSettings(owner)));
                peers.Add(await StartAsync(peerDll, azurite.ConnectionString, new Dictionary<string, string>()));
            }

            var clients = bots.Select(b => b.Http).ToArray();
            var peerClients = peers.Select(p => p.Http).ToArray();
            Console.WriteLine($"Load benchmark: {conversations} concurrent conversations, {processes} process(es) of the bot and of the peer on one storage, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Azurite in memory, all on loopback");
            // Warm up with the same concurrency as the measured rounds, so that no kind pays for the JIT
            // or for the thread pool growing to meet 50 callers.
            await DriveAsync(peerClients, "/api/messages", conversations, i => Intake[i], 3);
            await DriveAsync(clients, "/api/echo", conversations, _ => "warm up", 3);
            await DriveAsync(clients, "/api/messages", conversations, i => Intake[i], 3);

            // Two alternating rounds of each, so that a slow moment of the machine falls on all kinds alike.
            var peer = new List<Result>();
            var echo = new List<Result>();
            var intake = new List<Result>();
            for (var round = 0; round < 2; round++)
            {
                peer.Add(await DriveAsync(peerClients, "/api/messages", conversations, i => Intake[i], Intake.Length));
                intake.Add(await DriveAsync(clients, "/api/messages", conversations, i => Intake[i], Intake.Length));
                echo.Add(await DriveAsync(clients, "/api/echo", conversations, _ => "ping", Intake.Length));
            }

            var peerResult = Result.Combine(peer);
            var echoResult = Result.Combine(echo);
            var intakeResult = Result.Combine(intake);
            Print("independent peer", peerResult);
            Print("bot's own echo", echoResult);
            Print("reporter intake turn", intakeResult);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  of which the submit  {intakeResult.Last.Length,6} turns (each writes a case, all for one owner): p50 {intakeResult.LastP(0.50),6:0.0} ms, p95 {intakeResult.LastP(0.95),6:0.0} ms, p99 {intakeResult.LastP(0.99),6:0.0} ms"));
            var peak = bots.Max(b => PeakWorkingSetMegabytes(b.Process.Id));
            var peerPeak = peers.Max(p => PeakWorkingSetMegabytes(p.Process.Id));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"intake throughput {intakeResult.TurnsPerSecond / peerResult.TurnsPerSecond:P0} of the peer's (aim at least 85 %), {intakeResult.TurnsPerSecond / echoResult.TurnsPerSecond:P0} of its own echo's"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"intake p99 {intakeResult.P(0.99) / peerResult.P(0.99):0.00}x the peer's (aim at most 2x), {intakeResult.P(0.99) / echoResult.P(0.99):0.00}x its own echo's"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peak working set: largest bot process {peak:0} MB (aim under 200 MB), largest peer process {peerPeak:0} MB"));
        }
        finally
        {
            foreach (var (process, http) in bots.Concat(peers))
            {
                http.Dispose();
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    private static Dictionary<string, string> BotSettings(string owner) => new()
    {
        ["Intake__FaqUrl"] = "https://example.test/faq",
        ["Intake__UrgentHelp"] = "the security desk",
        ["Intake__CrisisHelp"] = "the crisis line",
        ["Intake__DefaultOwner"] = owner,
        ["Intake__Responders__0"] = owner,
        ["Diagnostics__EchoEndpoint"] = "true",
    };

    private static async Task<(Process Process, HttpClient Http)> StartAsync(string dll, string connectionString, Dictionary<string, string> settings)
    {
        var port = LocalAzurite.FreePort();
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" }, WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["Storage__ConnectionString"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        // No Bot credentials: the bot's host accepts that only in Development; the peer's adapter does too.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var bot = Process.Start(start)!;
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        await LocalAzurite.WaitForPortAsync(port);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        await http.GetStringAsync("/healthz/ready");
        return (bot, http);
    }

    private static void Print(string name, Result result)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} {result.Turns,6} turns in {result.Elapsed.TotalSeconds,6:0.0} s: {result.TurnsPerSecond,7:0.0} turns/s, p50 {result.P(0.50),6:0.0} ms, p95 {result.P(0.95),6:0.0} ms, p99 {result.P(0.99),6:0.0} ms"));

    /// <summary>Each turn goes to the next process in turn, as a load balancer without affinity would send
    /// it, so that with two processes consecutive turns of one conversation meet on the storage.</summary>
    private static async Task<Result> DriveAsync(HttpClient[] bots, string path, int conversations, Func<int, string> say, int turns = 1)
    {
        var latencies = new ConcurrentBag<double>();
        var lastTurns = new ConcurrentBag<double>();
        long next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async _ =>
        {
            var conversation = $"a:{Guid.NewGuid():N}";
            var person = Guid.NewGuid().ToString();
            for (var i = 0; i < turns; i++)
            {
                var activity = new JObject
                {
                    ["type"] = "message",
                    ["id"] = Guid.NewGuid().ToString("N"),
                    ["channelId"] = "msteams",
                    ["serviceUrl"] = "http://127.0.0.1:9/",
                    ["deliveryMode"] = "expectReplies",
                    ["from"] = new JObject { ["id"] = $"29:{person}", ["aadObjectId"] = person },
                    ["recipient"] = new JObject { ["id"] = "28:bot" },
                    ["conversation"] = new JObject { ["id"] = conversation, ["conversationType"] = "personal" },
                    ["text"] = say(i),
                };
                var turn = Stopwatch.StartNew();
                var http = bots[(int)(Interlocked.Increment(ref next) % bots.Length)];
                using var response = await http.PostAsync(path, new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                latencies.Add(turn.Elapsed.TotalMilliseconds);
                if (i == turns - 1)
                {
                    lastTurns.Add(turn.Elapsed.TotalMilliseconds);
                }
            }
        }));
        return new Result([.. latencies.Order()], clock.Elapsed, [.. lastTurns.Order()]);
    }

    /// <summary>The kernel's own record of the process's peak resident set (VmHWM).</summary>
    private static double PeakWorkingSetMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Every turn's latency, sorted, and apart the last turn of each conversation's (for the intake,
    /// the submit: the one turn that writes the case, with its owner's list).</summary>
    private sealed record Result(double[] Sorted, TimeSpan Elapsed, double[] Last)
    {
        public int Turns => Sorted.Length;

        public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;

        public double P(double quantile) => Quantile(Sorted, quantile);

        public double LastP(double quantile) => Quantile(Last, quantile);

        public static Result Combine(IReadOnlyList<Result> rounds)
            => new([.. rounds.SelectMany(r => r.Sorted).Order()], TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)), [.. rounds.SelectMany(r => r.Last).Order()]);

        private static double Quantile(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
    }
}
