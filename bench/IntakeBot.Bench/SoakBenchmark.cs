using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Bench;

/// <summary>Two bot processes on one Azurite (on disk, so that it can restart), turns sent round-robin,
/// people doing whole intakes and then a follow-up thread with the owner; about one activity in ten is
/// delivered again with the same id (half of them while the first delivery runs), a bot process is killed
/// and started again every 8–12 s, storage goes away twice (every connection to it reset, Azurite stopped
/// with what it acknowledged kept, and started again). Every free-text answer carries a canary word;
/// at the end it counts, from the stored blobs and the notifications received, what was lost or kept twice,
/// and whether anyone was told a message was not saved when it was. Bounded in people and time, loopback only.</summary>
internal static partial class SoakBenchmark
{
    private const string Owner = "5a0c1e2d-7f3b-4c6a-9e8d-1b2c3d4e5f60";
    private static readonly string[] NotSaved = ["couldn't save your last message", "couldn't finish handling your last message"];

    /// <summary>What the bot says when it cannot tell yet whether a message was saved (Text.json, StorageOutcomeUnknown and ConcurrentMessages).</summary>
    private const string OutcomeUnknown = "can't tell yet whether your last";

    /// <summary>How a reference that finds no case begins (Text.json, CaseNotFound and OwnerCaseNotFound).</summary>
    private const string NotFound = "I couldn't find a ";

    public static async Task<int> RunAsync(string repoRoot, int people, TimeSpan duration)
    {
        var dll = Path.Combine(repoRoot, "src", "IntakeBot", "bin", "Release", "net10.0", "IntakeBot.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException("Build the bot first: dotnet build src/IntakeBot -c Release");
        }

        var location = Directory.CreateTempSubdirectory("soak-azurite-").FullName;
        var keep = false;
        var azuritePort = LocalAzurite.FreePort();
        var azurite = await LocalAzurite.StartAsync(repoRoot, azuritePort, location);
        // The bots reach storage through a gate that can take it away (StorageGate); the counts read it directly.
        using var gate = StorageGate.Start(azuritePort);
        var storage = LocalAzurite.ConnectionStringFor(gate.Port);
        var connector = await Connector.StartAsync();
        var logs = Directory.CreateTempSubdirectory("soak-logs-").FullName;
        var bots = new[] { new Bot(dll, storage, Path.Combine(logs, "bot0.log")), new Bot(dll, storage, Path.Combine(logs, "bot1.log")) };
        var cpu = new CpuSampler();
        var run = new Run(bots, connector.Url);
        using var stop = new CancellationTokenSource(duration);
        try
        {
            foreach (var bot in bots)
            {
                await bot.StartAsync();
            }

            Console.WriteLine($"Soak: {people} people, 2 bot processes on one Azurite, {Environment.ProcessorCount} cores, load average at start {CpuSampler.LoadAverage()}, at most {duration.TotalSeconds:F0} s; the processes' logs are in {logs}");
            await run.SayAsync(-1, Owner, "owner", "hello", null, CancellationToken.None);
            var chaos = ChaosAsync(bots, gate, () => azurite, a => azurite = a, repoRoot, azuritePort, location, duration, stop.Token);
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
            var quiet = await QuiesceAsync(service, TimeSpan.FromSeconds(90));
            var verdict = await ReportAsync(run, service, connector, cpu);
            keep = verdict != 0 || !quiet;
            return verdict;
        }
        finally
        {
            foreach (var bot in bots)
            {
                bot.Dispose();
            }

            await connector.DisposeAsync();
            azurite.Dispose();
            if (keep)
            {
                // What the counts could not explain is read from the stored blobs afterwards.
                Console.WriteLine($"The storage of this run is kept for analysis in {location} (start Azurite with --location there).");
            }
            else
            {
                Directory.Delete(location, recursive: true);
            }
        }
    }

    /// <summary>Kills a bot process and starts it again every 8–12 s; on its own schedule (so that a slow
    /// restart of a process does not push it back), restarts Azurite at a fifth and at three fifths of the run
    /// (the second at least 15 s after the first is back).</summary>
    private static async Task ChaosAsync(Bot[] bots, StorageGate gate, Func<LocalAzurite> current, Action<LocalAzurite> replaced, string repoRoot, int port, string location, TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await Task.WhenAll(KillsAsync(), StorageAsync());

        async Task KillsAsync()
        {
            try
            {
                for (var next = 0; !cancellationToken.IsCancellationRequested; next++)
                {
                    await Task.Delay(TimeSpan.FromSeconds(8 + Random.Shared.NextDouble() * 4), cancellationToken);
                    var bot = bots[next % bots.Length];
                    Console.WriteLine($"{started.Elapsed.TotalSeconds,5:F0} s: bot {Array.IndexOf(bots, bot)} killed and started again");
                    bot.Stop();
                    await bot.StartAsync();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        async Task StorageAsync()
        {
            try
            {
                var back = TimeSpan.Zero;
                foreach (var at in new[] { 0.2, 0.6 })
                {
                    // At least 15 s of storage that answers between two restarts.
                    var wait = TimeSpan.FromTicks(Math.Max((duration * at).Ticks, (back + TimeSpan.FromSeconds(15)).Ticks)) - started.Elapsed;
                    await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
                    Console.WriteLine($"{started.Elapsed.TotalSeconds,5:F0} s: Azurite stopped");
                    gate.Close();
                    await current().StopAsync();
                    // Started again whatever happens now: the counts at the end read from it.
                    await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
                    replaced(await LocalAzurite.StartAsync(repoRoot, port, location));
                    gate.Open();
                    back = started.Elapsed;
                    Console.WriteLine($"{started.Elapsed.TotalSeconds,5:F0} s: Azurite started again");
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>True when nothing was left waiting within <paramref name="limit"/>.</summary>
    private static async Task<bool> QuiesceAsync(BlobServiceClient service, TimeSpan limit)
    {
        var state = service.GetBlobContainerClient("botstate");
        var clock = Stopwatch.StartNew();
        var waiting = string.Empty;
        while (clock.Elapsed < limit)
        {
            var busy = false;
            await foreach (var blob in state.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
            {
                if (blob.Name.StartsWith("outbox/", StringComparison.Ordinal))
                {
                    busy = true;
                    waiting = $"an outbox entry ({string.Join(", ", blob.Metadata.Where(m => m.Key != "classification").Select(m => $"{m.Key} {m.Value}"))})";
                    break;
                }

                var json = (await state.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                if (json.Contains("\"pendingCase\":{", StringComparison.Ordinal) || json.Contains("\"pendingChanges\":[{", StringComparison.Ordinal))
                {
                    busy = true;
                    waiting = "committed work in a conversation's state";
                    break;
                }
            }

            if (!busy)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Console.WriteLine($"Work was still pending after the wait ({waiting}): the counts below may show it as lost.");
        return false;
    }

    /// <summary>Counts from the stored blobs, case by case and person by person (a case belongs to the person
    /// its record names as reporter, so that a case submitted just as the run ended still counts as theirs):
    /// a canary the person was answered for and that is missing is lost; one kept more than once in the
    /// case's texts, or one activity's incoming line kept more than once in its transcript, is twice.</summary>
    private static async Task<int> ReportAsync(Run run, BlobServiceClient service, Connector connector, CpuSampler cpu)
    {
        var stored = await StoredCases.ReadAsync(service.GetBlobContainerClient("cases"), service.GetBlobContainerClient("botstate"));
        static int Count(string text, string word) => Regex.Count(text, Regex.Escape(word));

        // A person's case: the one their record names; more than one is a case too many.
        var caseOf = new Dictionary<int, string>();
        int lostCases = 0, extraCases = 0;
        foreach (var (index, aad) in run.People)
        {
            var theirs = stored.ReferencesOf(aad);
            extraCases += Math.Max(0, theirs.Count - 1);
            if (theirs.Count > 0)
            {
                caseOf[index] = theirs[0];
            }
            else if (run.References.ContainsKey(index))
            {
                lostCases++;
            }
        }

        // Someone who had not submitted when the run ended: their answers so far are in their draft.
        var keptIn = new Dictionary<int, string>(caseOf);
        foreach (var (index, aad) in run.People.Where(p => !caseOf.ContainsKey(p.Key)))
        {
            if (stored.DraftOf(aad) is { } draft)
            {
                keptIn[index] = draft;
            }
        }

        int lostAnswers = 0, twiceAnswers = 0, lostLines = 0, twiceLines = 0, pendingAnswers = 0, pendingLines = 0, resent = 0;
        // What each fault was, so that a run that finds one can be analysed without counting again.
        var faults = new List<string>();
        foreach (var (canary, index) in run.Canaries)
        {
            if (!keptIn.TryGetValue(index, out var reference))
            {
                // Not even a draft (the person had just begun, or discarded it).
                continue;
            }

            var inCase = Count(stored.Texts(reference), canary);
            // A line kept twice is one activity written twice; the person's own resend (a new activity, after
            // a connection failure or a "not saved") is what they sent, and the transcript keeps it as sent.
            var lines = stored.Transcript(reference).Where(e => e.In && e.Text?.Contains(canary, StringComparison.Ordinal) == true).ToList();
            var inTranscript = lines.Count;
            var sameActivity = lines.GroupBy(e => e.ActivityId).Any(g => g.Count() > 1);
            resent += lines.Select(e => e.ActivityId).Distinct().Count() > 1 ? 1 : 0;
            var answered = run.Answered.ContainsKey(canary);
            var pending = stored.Pending(canary);
            lostAnswers += answered && inCase == 0 && !pending ? 1 : 0;
            pendingAnswers += answered && inCase == 0 && pending ? 1 : 0;
            twiceAnswers += inCase > 1 ? 1 : 0;
            lostLines += answered && inTranscript == 0 && !pending ? 1 : 0;
            pendingLines += answered && inTranscript == 0 && pending ? 1 : 0;
            twiceLines += sameActivity ? 1 : 0;
            if ((answered && (inCase == 0 || inTranscript == 0) && !pending) || inCase > 1 || sameActivity)
            {
                var ids = string.Join(", ", stored.Transcript(reference).Where(e => e.In && e.Text?.Contains(canary, StringComparison.Ordinal) == true).Select(e => e.ActivityId));
                faults.Add($"person {index} {reference} {canary}: answered {answered}, in case {inCase}, transcript {inTranscript} (activities {ids})");
            }
        }

        int lostAudit = 0, twiceAudit = 0, lostNotes = 0, twiceNotes = 0;
        foreach (var (index, reference) in caseOf)
        {
            var messages = stored.Audit(reference).Where(e => e.Value<string>("action") == "message").ToList();
            var expected = new List<(string Words, bool Answered)> { ($"submitted to you. Reference: {reference}", true) };
            foreach (var (from, notice, said) in new[] { ("owner", $"new message about your report {reference}", run.OwnerMessaged), ("reporter", $"has replied about {reference}", run.Replied) })
            {
                var n = messages.Count(e => e.Value<string>("detail") == from);
                lostAudit += said.ContainsKey(index) && n == 0 ? 1 : 0;
                twiceAudit += n > 1 ? 1 : 0;
                if ((said.ContainsKey(index) && n == 0) || n > 1)
                {
                    faults.Add($"person {index} {reference}: audit 'message' from {from} {n} times");
                }

                expected.Add((notice, said.ContainsKey(index)));
            }

            foreach (var (words, answered) in expected)
            {
                var n = connector.Received.Count(r => r.Contains(words, StringComparison.Ordinal));
                lostNotes += answered && n == 0 ? 1 : 0;
                twiceNotes += n > 1 ? 1 : 0;
                if ((answered && n == 0) || n > 1)
                {
                    faults.Add($"person {index} {reference}: notification '{words}' received {n} times");
                }

            }
        }

        // Told "not saved" wrongly: the turn's incoming line is in the case's transcript, and what follows
        // it there is not the failure reply (a failed turn records what the person said and that reply).
        var toldWrongly = run.ToldNotSaved.Count(t => keptIn.TryGetValue(t.Person, out var reference) && stored.Committed(reference, t.ActivityId, NotSaved));
        var unresolved = run.ToldNotSaved.Count(t => !keptIn.ContainsKey(t.Person));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sent {run.Sent} activities, {run.Redelivered} delivered again with the same id ({run.Concurrent} while the first ran), {run.Retried} sent again after a connection failure; {caseOf.Count} cases submitted, {keptIn.Count - caseOf.Count} drafts checked, {run.Replied.Count} follow-up threads"));
        Console.WriteLine($"answers ({run.Canaries.Count} canaries, {run.Answered.Count} answered): lost {lostAnswers}, twice {twiceAnswers}; still waiting in a committed state to be written to the case: {pendingAnswers}");
        Console.WriteLine($"transcript lines: lost {lostLines}, twice {twiceLines}; still waiting in a committed state: {pendingLines}; sent again by the person and kept as sent: {resent}");
        Console.WriteLine($"audit entries (thread messages): lost {lostAudit}, twice {twiceAudit}");
        Console.WriteLine($"cases: lost {lostCases}, extra {extraCases}");
        Console.WriteLine($"notifications: lost {lostNotes}, twice {twiceNotes}");
        Console.WriteLine($"told a message was not saved: {run.ToldNotSaved.Count} times ({unresolved} not checked: no case or draft), of which the message was kept after all: {toldWrongly}");
        Console.WriteLine($"told the outcome is not known yet: {run.ToldUnknown} times; a reference not found yet (its case not written yet), tried again: {run.NotFoundYet} times");
        Console.WriteLine($"people who did not finish in time: {run.Unfinished}; CPU: {cpu.Summary()}");
        foreach (var told in run.ToldNotSaved.Where(t => keptIn.TryGetValue(t.Person, out var reference) && stored.Committed(reference, t.ActivityId, NotSaved)))
        {
            faults.Add($"person {told.Person} {keptIn[told.Person]}: told not saved for activity {told.ActivityId}, which is in the transcript");
        }

        foreach (var fault in faults)
        {
            Console.WriteLine($"  {fault}");
        }

        return lostAnswers + twiceAnswers + lostLines + twiceLines + lostAudit + twiceAudit + lostCases + extraCases + lostNotes + twiceNotes + toldWrongly == 0 ? 0 : 1;
    }

    [GeneratedRegex("IR-[A-Z0-9]{8}")]
    private static partial Regex Reference();

    /// <summary>What storage holds at the end, read once: each case's record, texts kept beside it,
    /// transcript and audit lines; and each draft not submitted yet (its answers and transcript, under
    /// <c>draft:</c> and the person's id).</summary>
    private sealed class StoredCases
    {
        private readonly Dictionary<string, StringBuilder> _texts = [];
        private readonly Dictionary<string, List<Line>> _transcripts = [];
        private readonly Dictionary<string, List<JObject>> _audits = [];
        private readonly Dictionary<string, List<string>> _byReporter = [];
        private readonly StringBuilder _pending = new();

        public static async Task<StoredCases> ReadAsync(BlobContainerClient cases, BlobContainerClient states)
        {
            var read = new StoredCases();
            await foreach (var blob in cases.GetBlobsAsync())
            {
                var reference = blob.Name.Split('/')[0];
                var content = (await cases.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                if (blob.Name.EndsWith("/transcript.jsonl", StringComparison.Ordinal))
                {
                    read._transcripts[reference] = [.. Lines(content).Select(l => new Line(l.Value<string>("direction") == "in", l.Value<string>("activityId"), l.Value<string>("text")))];
                }
                else if (blob.Name.EndsWith("/audit.jsonl", StringComparison.Ordinal))
                {
                    read._audits[reference] = Lines(content);
                }
                else if (blob.Name.EndsWith(".json", StringComparison.Ordinal) || blob.Name.EndsWith(".txt", StringComparison.Ordinal))
                {
                    (read._texts.TryGetValue(reference, out var sb) ? sb : read._texts[reference] = new StringBuilder()).Append(content);
                    if (blob.Name.EndsWith("/case.json", StringComparison.Ordinal) && JObject.Parse(content)["reporter"]?.Value<string>("aadObjectId") is { } aad)
                    {
                        (read._byReporter.TryGetValue(aad, out var list) ? list : read._byReporter[aad] = []).Add(reference);
                    }
                }
            }

            await foreach (var blob in states.GetBlobsAsync())
            {
                if (blob.Name.Contains('/', StringComparison.Ordinal))
                {
                    continue;
                }

                var json = (await states.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                var state = JObject.Parse(json);
                if (state["pendingCase"] is JObject || state["pendingChanges"] is JArray { Count: > 0 })
                {
                    read._pending.Append(json);
                }

                if (state["profile"]?.Value<string>("PersonAadObjectId") is { } person && state["intakeDraft"] is JObject stored
                    && stored.ToObject<IntakeBot.Conversation.IntakeDraft>() is { } draft)
                {
                    read._texts[$"draft:{person}"] = new StringBuilder(Newtonsoft.Json.JsonConvert.SerializeObject(draft.Answers));
                    read._transcripts[$"draft:{person}"] = [.. draft.PendingTranscript.Select(e => new Line(e.Direction == IntakeBot.Cases.TranscriptDirection.In, e.ActivityId, e.Text))];
                }
            }

            return read;
        }

        /// <summary>Whether <paramref name="canary"/> is in committed work not yet written to its case
        /// (a state's pending case or changes): kept, but not where the count looks yet.</summary>
        public bool Pending(string canary) => _pending.ToString().Contains(canary, StringComparison.Ordinal);

        public IReadOnlyList<string> ReferencesOf(string aad) => _byReporter.GetValueOrDefault(aad, []);

        public string? DraftOf(string aad) => _texts.ContainsKey($"draft:{aad}") ? $"draft:{aad}" : null;

        public string Texts(string reference) => _texts.GetValueOrDefault(reference)?.ToString() ?? string.Empty;

        public IReadOnlyList<Line> Transcript(string reference) => _transcripts.GetValueOrDefault(reference, []);

        public IReadOnlyList<JObject> Audit(string reference) => _audits.GetValueOrDefault(reference, []);

        /// <summary>Whether the turn of <paramref name="activityId"/> is in the transcript as a turn that
        /// counted: its incoming line, not followed (before the next incoming line) by a failure reply.</summary>
        public bool Committed(string reference, string activityId, IReadOnlyList<string> failures)
        {
            var lines = Transcript(reference);
            var at = lines.ToList().FindIndex(e => e.In && e.ActivityId == activityId);
            return at >= 0 && !lines.Skip(at + 1).TakeWhile(e => !e.In)
                .Any(e => failures.Any(f => e.Text?.Contains(f, StringComparison.Ordinal) == true));
        }

        private static List<JObject> Lines(string content)
            => [.. content.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse)];
    }

    /// <summary>A transcript line, from a case's transcript or a draft's.</summary>
    private sealed record Line(bool In, string? ActivityId, string? Text);

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
        private int _toldUnknown;
        private int _notFoundYet;

        /// <summary>Each person's Entra object id.</summary>
        public ConcurrentDictionary<int, string> People { get; } = new();

        /// <summary>Every canary sent, and whose case it belongs in (the owner's message and the reply too).</summary>
        public ConcurrentDictionary<string, int> Canaries { get; } = new();

        /// <summary>Canaries whose message got an ordinary answer (it was kept, as far as the person knows).</summary>
        public ConcurrentDictionary<string, bool> Answered { get; } = new();

        /// <summary>The reference each person was given.</summary>
        public ConcurrentDictionary<int, string> References { get; } = new();

        public ConcurrentDictionary<int, bool> OwnerMessaged { get; } = new();

        public ConcurrentDictionary<int, bool> Replied { get; } = new();

        /// <summary>Turns whose answer said the message was not saved: whose case to look in, and the activity.</summary>
        public ConcurrentBag<(int Person, string ActivityId)> ToldNotSaved { get; } = [];

        public int Sent => _sent;

        public int Redelivered => _redelivered;

        public int Concurrent => _concurrent;

        public int Retried => _retried;

        public int Unfinished => _unfinished;

        public int ToldUnknown => _toldUnknown;

        public int NotFoundYet => _notFoundYet;

        public async Task PersonAsync(int index, CancellationToken cancellationToken)
        {
            var person = Guid.NewGuid().ToString();
            People[index] = person;
            var conversation = $"a:soak-{index}-{Guid.NewGuid():N}";
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(index * 150), cancellationToken);
                string? reference = null;
                foreach (var line in Script)
                {
                    var canary = $"canary{Guid.NewGuid():N}"[..18];
                    var text = line.Contains("{0}", StringComparison.Ordinal) ? string.Format(CultureInfo.InvariantCulture, line, canary) : line;
                    var replies = await SayAsync(index, person, conversation, text, text == line ? null : canary, cancellationToken);
                    reference ??= replies.Select(r => Reference().Match(r)).FirstOrDefault(m => m.Success)?.Value;
                }

                if (reference is null)
                {
                    Interlocked.Increment(ref _unfinished);
                    return;
                }

                References[index] = reference;
                var ownerCanary = $"canary{Guid.NewGuid():N}"[..18];
                await SayAsync(index, Owner, "owner", $"message {reference} could we tlak on tuesday {ownerCanary}", ownerCanary, cancellationToken);
                OwnerMessaged[index] = true;
                var replyCanary = $"canary{Guid.NewGuid():N}"[..18];
                await SayAsync(index, person, conversation, $"reply {reference} yes after lunch is fine {replyCanary}", replyCanary, cancellationToken);
                Replied[index] = true;
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _unfinished);
            }
        }

        /// <summary>One activity, to the next process; sent again with the same id (as the channel does)
        /// when the connection fails, and now and then delivered twice on purpose. A person told their
        /// message was not saved sends it again with a new id a second later; one told that it is not known
        /// yet whether it was, 3–8 s later, as asked; until it is answered (or the run ends).</summary>
        public async Task<IReadOnlyList<string>> SayAsync(int index, string person, string conversation, string text, string? canary, CancellationToken cancellationToken)
        {
            if (canary is not null)
            {
                Canaries[canary] = index;
            }

            while (true)
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

                var notSaved = replies.Any(r => NotSaved.Any(n => r.Contains(n, StringComparison.Ordinal)));
                var unknown = replies.Any(r => r.Contains(OutcomeUnknown, StringComparison.Ordinal));
                if (replies.Any(r => r.StartsWith(NotFound, StringComparison.Ordinal)))
                {
                    // The submit is committed and its case is written after the commit (by the turn, or by
                    // the background pass after a kill): until then its reference finds nothing, truthfully.
                    Interlocked.Increment(ref _notFoundYet);
                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                    continue;
                }

                if (!notSaved && !unknown)
                {
                    if (canary is not null)
                    {
                        Answered[canary] = true;
                    }

                    return replies;
                }

                if (notSaved)
                {
                    ToldNotSaved.Add((index, id));
                }
                else
                {
                    Interlocked.Increment(ref _toldUnknown);
                }

                // "Not saved" is sent again at once; "not known yet" asks for a little while, and gets it.
                await Task.Delay(TimeSpan.FromSeconds(notSaved ? 1 : 3 + (Random.Shared.NextDouble() * 5)), cancellationToken);
            }
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

    /// <summary>One bot process on a fixed loopback port, so that it can be killed and started again there.
    /// It heals left-behind work within seconds (<c>Healing:*</c>), so that the run sees it healed, and its
    /// log (content-free by design) goes to a file that outlives its restarts.</summary>
    private sealed class Bot(string dll, string connectionString, string logFile) : IDisposable
    {
        private readonly int _port = LocalAzurite.FreePort();
        private readonly StreamWriter _log = new(logFile, append: true) { AutoFlush = true };
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
            start.Environment["Healing__GraceMilliseconds"] = "3000";
            start.Environment["Healing__ScanIntervalMilliseconds"] = "1000";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__IntakeBot"] = "Information";
            start.Environment["Logging__Console__FormatterName"] = "simple";
            start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
            start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            // As a host's supervisor does: a process that exits while starting (its start-up needs
            // storage, which may be restarting) is started again until it listens.
            while (true)
            {
                Write($"--- started {DateTime.UtcNow:HH:mm:ss.fff}");
                var process = Process.Start(start)!;
                process.OutputDataReceived += (_, e) => Write(e.Data);
                process.ErrorDataReceived += (_, e) => Write(e.Data);
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                _process = process;
                while (!process.HasExited)
                {
                    try
                    {
                        using var client = new System.Net.Sockets.TcpClient();
                        await client.ConnectAsync(IPAddress.Loopback, _port);
                        return;
                    }
                    catch (System.Net.Sockets.SocketException)
                    {
                        await Task.Delay(100);
                    }
                }

                Write($"--- exited while starting {DateTime.UtcNow:HH:mm:ss.fff}");
                process.Dispose();
                _process = null;
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        public void Stop()
        {
            if (_process is { } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                process.Dispose();
                _process = null;
                Write($"--- killed {DateTime.UtcNow:HH:mm:ss.fff}");
            }
        }

        public void Dispose()
        {
            Stop();
            Http.Dispose();
            _log.Dispose();
        }

        private void Write(string? line)
        {
            if (line is not null)
            {
                lock (_log)
                {
                    _log.WriteLine(line);
                }
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
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
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
