using System.Text.Json;
using IntakeBot.Listening;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntakeBot.Tests.Listening;

/// <summary>The listener against the tuning split of the labelled set (listen-set.jsonl): the aims the
/// held-out split is measured against by <c>bench listen</c>, which also reports the held-out figures.
/// The held-out lines are never read here.</summary>
public sealed class ListenSetTests
{
    private static readonly string[] Urgent = ["self-harm", "danger", "threat"];
    private static readonly string[] OrdinaryLabels = ["account", "reply", "choice"];

    private static readonly Listener Listener = new(Lexicon.Load("en"), NullLogger<Listener>.Instance);

    private static readonly IReadOnlyList<(Labelled Message, Heard Heard)> Tuning = [.. File
        .ReadLines(Path.Combine(RepoPaths.Root, "tests", "IntakeBot.Tests", "Listening", "listen-set.jsonl"))
        .Where(l => !string.IsNullOrWhiteSpace(l))
        .Select(l => JsonSerializer.Deserialize<Labelled>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)
        .Where(m => m.Split == "tune")
        .Select(m => (m, Listener.Hear(m.Text, m.Context == "responder-notes" ? ListeningPlace.NotesOfSomeoneElse : ListeningPlace.OwnWords)))];

    [Fact]
    public void The_set_has_at_least_300_messages_and_holds_a_third_out()
    {
        var all = File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "IntakeBot.Tests", "Listening", "listen-set.jsonl")).Count(l => !string.IsNullOrWhiteSpace(l));

        Assert.True(all >= 300, $"{all} messages");
        Assert.InRange(all - Tuning.Count, all * 3 / 10, all / 2);
    }

    [Fact]
    public void A_message_clipped_in_the_middle_of_an_emoji_is_still_heard()
    {
        // Teams clips a long message wherever the limit falls, so a surrogate pair can lose its second half.
        var clipped = "he said he knows where I live 🙂"[..^1];

        Assert.Equal(Meaning.Threat, Listener.Hear(clipped, ListeningPlace.OwnWords).Meaning);
    }

    [Fact]
    public void Every_message_of_danger_threat_or_self_harm_gets_help_and_four_in_five_that_get_it_meant_it()
    {
        var meant = Tuning.Where(t => Urgent.Contains(t.Message.Meaning)).ToList();
        var helped = Tuning.Where(t => t.Heard.IsUrgent).ToList();

        Assert.All(meant, t => Assert.True(t.Heard.IsUrgent, t.Message.Text));
        Assert.True(helped.Count(t => Urgent.Contains(t.Message.Meaning)) >= 0.8 * helped.Count);
        Assert.All(Tuning.Where(t => t.Message.Meaning == "self-harm"), t => Assert.Equal(Meaning.SelfHarm, t.Heard.Meaning));
    }

    [Fact]
    public void Nine_in_ten_questions_and_second_thoughts_are_heard_as_such()
    {
        foreach (var (label, meaning) in new[] { ("question", Meaning.Question), ("second-thoughts", Meaning.SecondThoughts) })
        {
            var labelled = Tuning.Where(t => t.Message.Meaning == label).ToList();
            Assert.True(labelled.Count(t => t.Heard.Meaning == meaning) >= 0.9 * labelled.Count, label);
        }
    }

    [Fact]
    public void At_most_one_ordinary_message_in_twenty_gets_urgent_help()
    {
        var ordinary = Tuning.Where(t => OrdinaryLabels.Contains(t.Message.Meaning)).ToList();

        Assert.True(ordinary.Count(t => t.Heard.IsUrgent) * 20 <= ordinary.Count);
    }

    private sealed record Labelled(string Text, string Context, string Meaning, string? Detail, string Split);
}
