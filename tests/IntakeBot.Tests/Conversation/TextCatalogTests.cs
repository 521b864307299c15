using System.Text.RegularExpressions;
using IntakeBot.Conversation;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Conversation;

public sealed class TextCatalogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Phrasings that judge the person, doubt them, or promise what the system cannot keep.</summary>
    private static readonly string[] Forbidden =
    [
        "we will investigate", "will be investigated", "will be punished", "will be fired", "will be disciplined",
        "consequences", "guarantee", "promise", "100%", "completely confidential", "totally confidential",
        "nobody will ever", "no one will ever", "will be resolved", "will be fixed", "will be dealt with",
        "we will take action", "action will be taken", "will contact you", "will get back to you", "within 24 hours",
        "within a day", "are you sure", "why didn't you", "why did you", "you should have", "you shouldn't have",
        "really happen", "did it really", "overreact", "too sensitive", "just a joke", "misunderstood",
        "calm down", "not a big deal", "no big deal", "exaggerat", "harassment", "bullying", "abuse", "victim",
        "you must", "hurry", "as soon as possible",
    ];

    [Fact]
    public void No_catalog_entry_judges_the_person_or_promises_an_outcome()
    {
        var catalog = TextCatalog.Load();

        var offending = catalog.All
            .SelectMany(entry => Forbidden.Where(p => entry.Value.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"{entry.Key}: \"{p}\""))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Every_text_key_has_an_entry_and_the_catalog_loads()
    {
        var catalog = TextCatalog.Load();

        Assert.Equal(Enum.GetValues<TextKey>().Length, catalog.All.Count);
    }

    [Fact]
    public async Task Every_message_and_button_the_bot_sends_in_an_intake_comes_from_the_catalog()
    {
        var responder = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:Responders:1"] = responder });
        var catalog = TextCatalog.Load();
        var templates = catalog.All.Values.Select(Template).ToList();
        var chat = new TeamsChat(app);
        var sent = new List<Microsoft.Bot.Schema.Activity>();
        string[] script =
        [
            "hello there", "help", "report", "", "done", "It happened", "done", "skip", "Tomorrow", "maybe", "Yes",
            "Both", "help", "report", "submit", "skip", "skip", "skip", "skip", "pause", "hi", "a pasted chat line", "done", "skip", "Email me",
            "edit", "When", "Yesterday", "discard", "Keep it", "submit",
        ];

        foreach (var line in script)
        {
            sent.AddRange(await chat.SendAsync(line));
        }

        var reference = Receipt.ReferenceIn(sent[^1].Text);
        foreach (var line in new[] { "my reports", $"add to {reference}", "more", "done", "add to IR-NOPE", "take a report" })
        {
            sent.AddRange(await chat.SendAsync(line));
        }

        var taking = new TeamsChat(app, responder);
        foreach (var line in new[] { "help", "take a report", "Prefers not to say", "tips", "notes", "done", "today", "Online", "skip", "skip", "skip", "skip", "skip", "skip", "submit" })
        {
            sent.AddRange(await taking.SendAsync(line));
        }

        var texts = sent.Select(a => a.Text).Where(t => t is not null)
            .Concat(sent.Where(a => a.SuggestedActions is not null).SelectMany(a => a.SuggestedActions.Actions.Select(x => x.Title)))
            .ToList();
        Assert.True(texts.Count > script.Length);
        Assert.All(texts, text => Assert.Contains(templates, t => t.IsMatch(text!)));
    }

    private static Regex Template(string entry)
        => new($"^{Regex.Replace(Regex.Escape(entry), @"\\\{\d+}", "(.|\\n)*")}$", RegexOptions.CultureInvariant);
}
