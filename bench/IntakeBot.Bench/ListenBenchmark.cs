using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IntakeBot.Listening;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntakeBot.Bench;

/// <summary>Reads every message of the labelled sets (tests/IntakeBot.Tests/Listening/listen-set.jsonl in
/// English, listen-set.&lt;language&gt;.jsonl in each other language) with the bot's listener, in a
/// conversation of that language, and prints for each language, for the tuning split and the held-out
/// split separately (and each batch within a split on its own), each meaning's recall and
/// precision, how often possible danger offered help and to whom, help first (urgent or possible
/// danger) as recall and precision, how often an ordinary message got urgent help (or the safety
/// check of possible danger), and the time per message (left out with <c>figures</c>). With
/// <c>misses</c> it lists the tuning split's misses; the held-out split's are listed only with
/// <c>holdout-misses</c>, so that tuning never looks at them.</summary>
internal static class ListenBenchmark
{
    private const int Rounds = 50;

    private static readonly string[] Meanings = ["self-harm", "danger", "threat", "question", "second-thoughts", "feeling"];
    private static readonly string[] Urgent = ["self-harm", "danger", "threat"];
    private static readonly string[] OrdinaryLabels = ["account", "reply", "choice"];
    private const string PossibleDanger = "possible-danger";

    public static void Run(string repoRoot, string? show)
    {
        var listener = new Listener(Lexicons.Load(), NullLogger<Listener>.Instance);
        foreach (var (language, set) in Sets(repoRoot))
        {
            Console.WriteLine($"== {language} ==");
            Measure(listener, language, set, show);
        }
    }

    /// <summary>Each language's labelled messages, English first.</summary>
    public static IEnumerable<(string Language, List<Labelled> Set)> Sets(string repoRoot)
    {
        var folder = Path.Combine(repoRoot, "tests", "IntakeBot.Tests", "Listening");
        yield return ("en", Read(Path.Combine(folder, "listen-set.jsonl")));
        foreach (var file in Directory.GetFiles(folder, "listen-set.*.jsonl").Order(StringComparer.Ordinal))
        {
            yield return (Path.GetFileName(file)["listen-set.".Length..^".jsonl".Length], Read(file));
        }
    }

    private static List<Labelled> Read(string path)
        => [.. File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<Labelled>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)];

    private static void Measure(Listener listener, string language, List<Labelled> set, string? show)
    {
        // A batch (messages written at one time, such as blind before anyone read the lexicons) is also
        // measured on its own within each split, so that its figures can be set beside its first ones.
        var parts = new[] { "tune", "holdout" }.SelectMany(split => new string?[] { null }
            .Concat(set.Where(m => m.Split == split && m.Batch is not null).Select(m => m.Batch).Distinct().Order(StringComparer.Ordinal))
            .Select(batch => (split, batch)));
        foreach (var (split, batch) in parts)
        {
            var part = set.Where(m => m.Split == split && (batch is null || m.Batch == batch)).Select(m => (m, Said: Name(listener.Hear(m.Text, Place(m.Context), language).Meaning))).ToList();
            Console.WriteLine(batch is null ? $"{split}: {part.Count} messages" : $"{split}, batch {batch} only: {part.Count} messages");
            foreach (var meaning in Meanings)
            {
                Print(meaning, part.Count(p => p.m.Meaning == meaning), part.Count(p => p.Said == meaning), part.Count(p => p.m.Meaning == meaning && p.Said == meaning));
            }

            Print("urgent (any of the three: help first)", part.Count(p => Urgent.Contains(p.m.Meaning)), part.Count(p => Urgent.Contains(p.Said)), part.Count(p => Urgent.Contains(p.m.Meaning) && Urgent.Contains(p.Said)));
            var possible = part.Where(p => p.Said == PossibleDanger).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  possible danger: help offered {possible.Count} times, to {possible.Count(p => Urgent.Contains(p.m.Meaning))} labelled urgent, {possible.Count(p => OrdinaryLabels.Contains(p.m.Meaning))} ordinary, {possible.Count(p => !Urgent.Contains(p.m.Meaning) && !OrdinaryLabels.Contains(p.m.Meaning))} other"));
            Print("help first (urgent or possible danger)", part.Count(p => Urgent.Contains(p.m.Meaning)), part.Count(p => Helped(p.Said)), part.Count(p => Urgent.Contains(p.m.Meaning) && Helped(p.Said)));
            var ordinary = part.Where(p => OrdinaryLabels.Contains(p.m.Meaning)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ordinary messages given urgent help (or possible danger's safety check): {ordinary.Count(p => Helped(p.Said))} of {ordinary.Count}; taken as something else: {ordinary.Count(p => p.Said != "ordinary")}"));
            if (batch is null && (show == "misses" && split == "tune" || show == "holdout-misses" && split == "holdout"))
            {
                foreach (var (m, said) in part.Where(p => p.Said != (OrdinaryLabels.Contains(p.m.Meaning) ? "ordinary" : p.m.Meaning)))
                {
                    Console.WriteLine($"    {m.Meaning,-16} read as {said,-16} [{m.Context}] {m.Text}");
                }
            }
        }

        if (show == "figures")
        {
            return;
        }

        // Each message is read many times: the wall-clock time of every read, and each message's median
        // (what reading it costs, without the moments another process held the CPU).
        var times = new List<double>();
        var medians = new List<double>();
        foreach (var m in set)
        {
            var reads = new List<double>();
            foreach (var round in Enumerable.Range(0, Rounds + 1))
            {
                var watch = Stopwatch.StartNew();
                listener.Hear(m.Text, Place(m.Context), language);
                if (round > 0)
                {
                    reads.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            reads.Sort();
            medians.Add(reads[reads.Count / 2]);
            times.AddRange(reads);
        }

        times.Sort();
        medians.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time per read over {times.Count} reads: p50 {times[times.Count / 2]:0.000} ms, p99 {times[(int)(times.Count * 0.99)]:0.000} ms, max {times[^1]:0.000} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time per message (its median of {Rounds} reads) over {medians.Count} messages: p50 {medians[medians.Count / 2]:0.000} ms, p99 {medians[(int)(medians.Count * 0.99)]:0.000} ms, max {medians[^1]:0.000} ms"));
    }

    /// <summary>Given the urgent-help contact first: urgent, or the safety check of possible danger.</summary>
    private static bool Helped(string said) => Urgent.Contains(said) || said == PossibleDanger;

    private static void Print(string meaning, int labelled, int said, int right)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {meaning,-40} recall {Ratio(right, labelled)} ({right}/{labelled})  precision {Ratio(right, said)} ({right}/{said})"));

    private static string Ratio(int a, int b) => b == 0 ? "  -  " : string.Create(CultureInfo.InvariantCulture, $"{(double)a / b:0.00}");

    private static ListeningPlace Place(string context) => context == "responder-notes" ? ListeningPlace.NotesOfSomeoneElse : ListeningPlace.OwnWords;

    private static string Name(Meaning meaning) => meaning switch
    {
        Meaning.SelfHarm => "self-harm",
        Meaning.Danger => "danger",
        Meaning.Threat => "threat",
        Meaning.PossibleDanger => PossibleDanger,
        Meaning.Question => "question",
        Meaning.SecondThoughts => "second-thoughts",
        Meaning.Feeling => "feeling",
        _ => "ordinary",
    };

    internal sealed record Labelled(string Text, string Context, string Meaning, string? Detail, string Split, string? Batch = null);
}
