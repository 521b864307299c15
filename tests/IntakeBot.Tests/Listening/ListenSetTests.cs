using System.Text.Json;
using IntakeBot.Listening;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntakeBot.Tests.Listening;

/// <summary>The listener against the tuning split of the labelled sets (listen-set.jsonl in English,
/// listen-set.&lt;language&gt;.jsonl in each other language, each read in a conversation of its
/// language): the aims the held-out split is measured against by <c>bench listen</c>, which also
/// reports the held-out figures. The held-out lines are never read here.</summary>
public sealed class ListenSetTests
{
    private static readonly string[] Urgent = ["self-harm", "danger", "threat"];
    private static readonly string[] OrdinaryLabels = ["account", "reply", "choice"];
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "IntakeBot.Tests", "Listening");

    private static readonly Listener Listener = new(Lexicons.Load(), NullLogger<Listener>.Instance);

    public static TheoryData<string> Languages => ["en", "de", "fr", "es"];

    [Fact]
    public void The_english_set_has_at_least_300_messages_and_holds_a_third_out()
    {
        var all = Read("en");

        Assert.True(all.Count >= 300, $"{all.Count} messages");
        // Batches written blind after the lexicons (s10-blind-en, s11-blind) are held out whole; at
        // least a third stays for tuning.
        Assert.InRange(all.Count(m => m.Split == "holdout"), all.Count * 3 / 10, all.Count * 2 / 3);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Each_other_language_has_at_least_100_messages_and_holds_a_third_out(string language)
    {
        var all = Read(language);

        Assert.True(all.Count >= 100, $"{all.Count} messages");
        // Batches written blind after the lexicons (s10-blind, s10-blind2, s11-blind) are held out whole
        // but for the tuned half of the first, so more than half of these sets is held out; at least a
        // third stays for tuning.
        Assert.InRange(all.Count(m => m.Split == "holdout"), all.Count * 3 / 10, all.Count * 2 / 3);
    }

    [Fact]
    public void A_message_clipped_in_the_middle_of_an_emoji_is_still_heard()
    {
        // Teams clips a long message wherever the limit falls, so a surrogate pair can lose its second half.
        var clipped = "he said he knows where I live 🙂"[..^1];

        Assert.Equal(Meaning.Threat, Listener.Hear(clipped, ListeningPlace.OwnWords, "en").Meaning);
    }

    [Theory]
    [InlineData("de", "he said he knows where I live")]
    [InlineData("fr", "i want to kill myself")]
    [InlineData("es", "he's waiting outside my flat")]
    public void English_is_heard_in_every_conversation_because_people_mix_languages(string language, string said)
        => Assert.True(Listener.Hear(said, ListeningPlace.OwnWords, language).IsUrgent);

    [Fact]
    public void A_message_in_a_third_language_is_read_in_it_when_it_was_seen_to_be_written_in_it()
    {
        Assert.Equal(Meaning.Ordinary, Listener.Hear("ich will nicht mehr leben", ListeningPlace.OwnWords, "es").Meaning);
        Assert.Equal(Meaning.SelfHarm, Listener.Hear("ich will nicht mehr leben", ListeningPlace.OwnWords, "es", alsoIn: "de").Meaning);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_message_of_danger_threat_or_self_harm_gets_help_and_four_in_five_that_get_it_meant_it(string language)
    {
        var tuning = Tuning(language);
        var meant = tuning.Where(t => Urgent.Contains(t.Message.Meaning)).ToList();
        var helped = tuning.Where(t => t.Heard.IsUrgent).ToList();

        Assert.All(meant, t => Assert.True(t.Heard.IsUrgent, t.Message.Text));
        Assert.True(helped.Count(t => Urgent.Contains(t.Message.Meaning)) >= 0.8 * helped.Count);
        Assert.All(tuning.Where(t => t.Message.Meaning == "self-harm"), t => Assert.Equal(Meaning.SelfHarm, t.Heard.Meaning));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Nine_in_ten_questions_and_second_thoughts_are_heard_as_such(string language)
    {
        var tuning = Tuning(language);
        foreach (var (label, meaning) in new[] { ("question", Meaning.Question), ("second-thoughts", Meaning.SecondThoughts) })
        {
            var labelled = tuning.Where(t => t.Message.Meaning == label).ToList();
            Assert.True(labelled.Count(t => t.Heard.Meaning == meaning) >= 0.9 * labelled.Count, label);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void At_most_one_ordinary_message_in_twenty_gets_urgent_help_or_a_safety_check(string language)
    {
        var ordinary = Tuning(language).Where(t => OrdinaryLabels.Contains(t.Message.Meaning)).ToList();

        // The safety check of possible danger counts too: it carries the urgent-help contact.
        Assert.True(ordinary.Count(t => t.Heard.OffersHelp) * 20 <= ordinary.Count);
    }

    private static List<(Labelled Message, Heard Heard)> Tuning(string language)
        => [.. Read(language)
            .Where(m => m.Split == "tune")
            .Select(m => (m, Listener.Hear(m.Text, m.Context == "responder-notes" ? ListeningPlace.NotesOfSomeoneElse : ListeningPlace.OwnWords, language)))];

    private static List<Labelled> Read(string language)
        => [.. File.ReadLines(Path.Combine(Folder, language == "en" ? "listen-set.jsonl" : $"listen-set.{language}.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<Labelled>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!)];

    private sealed record Labelled(string Text, string Context, string Meaning, string? Detail, string Split);
}
