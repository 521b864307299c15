using System.Diagnostics;
using System.Globalization;
using IntakeBot.Listening;

namespace IntakeBot.Bench;

/// <summary>Tells the language of every message of the labelled sets (see <see cref="ListenBenchmark"/>)
/// with <see cref="LanguageGuess"/> and prints, per language, for the messages of a few words or more:
/// how many were told right, how many were told nothing (in a conversation of another language, no
/// offer to switch), and how many were taken for another language (an offer the person did not need);
/// and the time per message. With <c>misses</c> it lists the messages not told right.</summary>
internal static class DetectBenchmark
{
    private const int Rounds = 50;

    public static void Run(string repoRoot, string? show)
    {
        var guess = new LanguageGuess(Lexicons.Load());
        var medians = new List<double>();
        foreach (var (language, set) in ListenBenchmark.Sets(repoRoot))
        {
            foreach (var split in new[] { "tune", "holdout" })
            {
                var told = set.Where(m => m.Split == split && m.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= LanguageGuess.FewestWords)
                    .Select(m => (m.Text, Said: guess.Of(m.Text))).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{language} {split,-7}: {told.Count} messages of {LanguageGuess.FewestWords} words or more: right {told.Count(t => t.Said == language)}, nothing {told.Count(t => t.Said is null)}, another language {told.Count(t => t.Said is not null && t.Said != language)}"));
                if (show == "misses")
                {
                    foreach (var (text, said) in told.Where(t => t.Said != language))
                    {
                        Console.WriteLine($"    {said ?? "-",-3} {text}");
                    }
                }
            }

            foreach (var m in set)
            {
                var reads = new List<double>();
                foreach (var round in Enumerable.Range(0, Rounds + 1))
                {
                    var watch = Stopwatch.StartNew();
                    guess.Of(m.Text);
                    if (round > 0)
                    {
                        reads.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                reads.Sort();
                medians.Add(reads[reads.Count / 2]);
            }
        }

        medians.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time per message (its median of {Rounds} reads) over {medians.Count} messages: p50 {medians[medians.Count / 2]:0.000} ms, p99 {medians[(int)(medians.Count * 0.99)]:0.000} ms, max {medians[^1]:0.000} ms"));
    }
}
