using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Bench;

/// <summary>Starts Azurite and the built bot, then drives many concurrent conversations over HTTP with
/// expectReplies: first bare echo turns through the same adapter and blob state (the baseline), then
/// whole reporter intakes. Prints turns per second, p50/p95/p99 turn latency and the bot's peak memory.</summary>
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

        var owner = Guid.NewGuid().ToString();
        var bots = new List<(Process Process, HttpClient Http)>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                bots.Add(await StartBotAsync(dll, azurite.ConnectionString, owner));
            }

            var clients = bots.Select(b => b.Http).ToArray();
            Console.WriteLine($"Load benchmark: {conversations} concurrent conversations, {processes} bot process(es) on one storage, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Azurite in memory, all on loopback");
            // Warm up with the same concurrency as the measured rounds, so that neither kind pays for
            // the JIT or for the thread pool growing to meet 50 callers.
            await DriveAsync(clients, "/api/echo", conversations, _ => "warm up", 3);
            await DriveAsync(clients, "/api/messages", conversations, i => Intake[i], 3);
            var echo = await DriveAsync(clients, "/api/echo", conversations, _ => "ping", Intake.Length);
            var intake = await DriveAsync(clients, "/api/messages", conversations, i => Intake[i], Intake.Length);
            Print("echo turn (baseline)", echo);
            Print("reporter intake turn", intake);
            var peak = bots.Max(b => PeakWorkingSetMegabytes(b.Process.Id));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"intake throughput {intake.TurnsPerSecond / echo.TurnsPerSecond:P0} of echo; intake p99 {intake.P(0.99) / echo.P(0.99):0.0}x echo p99; peak working set of the largest bot process {peak:0} MB"));
        }
        finally
        {
            foreach (var (process, http) in bots)
            {
                http.Dispose();
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    private static async Task<(Process Process, HttpClient Http)> StartBotAsync(string dll, string connectionString, string owner)
    {
        var port = LocalAzurite.FreePort();
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" }, WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["Storage__ConnectionString"] = connectionString;
        start.Environment["Intake__FaqUrl"] = "https://example.test/faq";
        start.Environment["Intake__UrgentHelp"] = "the security desk";
        start.Environment["Intake__CrisisHelp"] = "the crisis line";
        start.Environment["Intake__DefaultOwner"] = owner;
        start.Environment["Intake__Responders__0"] = owner;
        start.Environment["Diagnostics__EchoEndpoint"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        // No Bot credentials: the host accepts that only in Development.
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
            }
        }));
        return new Result([.. latencies.Order()], clock.Elapsed);
    }

    /// <summary>The kernel's own record of the process's peak resident set (VmHWM).</summary>
    private static double PeakWorkingSetMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private sealed record Result(double[] Sorted, TimeSpan Elapsed)
    {
        public int Turns => Sorted.Length;

        public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;

        public double P(double quantile) => Sorted[Math.Min(Sorted.Length - 1, (int)Math.Ceiling(quantile * Sorted.Length) - 1)];
    }
}
