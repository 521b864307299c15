using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Listening;

/// <summary>A first message that reads as danger or possible danger gets the urgent-help contact once,
/// over HTTP, in every language: the listener's help comes first, and the first answer after it (the
/// offer to start a report with the message, or the greeting) leaves out the contact it carries for
/// everyone else.</summary>
public sealed class UrgentHelpOnceTests(BotAppFixture app) : IClassFixture<BotAppFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private readonly HttpClient _client = app.Client;

    [Theory]
    [InlineData(null, "ive been sleeping at my sisters place since last week", TextKey.SafetyCheck)]
    [InlineData(null, "i just cant see a way out of any of this", TextKey.SafetyCheckCrisis)]
    [InlineData(null, "I don't feel safe going home", TextKey.UrgentHelpNow)]
    [InlineData("de-DE", "ich schlafe gerade bei meiner schwester", TextKey.SafetyCheck)]
    [InlineData("fr-FR", "je dors chez ma soeur depuis la semaine derniere", TextKey.SafetyCheck)]
    [InlineData("es-ES", "duermo en casa de mi hermana desde la semana pasada", TextKey.SafetyCheck)]
    public async Task A_first_message_of_danger_shows_the_urgent_help_contact_once(string? locale, string said, TextKey help)
    {
        var chat = new HttpChat(_client, locale: locale);

        var replies = await chat.SayAsync(said);

        using (ReaderLanguage.Begin(Text.LanguageOf(locale) ?? ReaderLanguage.English))
        {
            Assert.Equal(Text.Format(help, help == TextKey.SafetyCheckCrisis ? BotApp.CrisisHelp : BotApp.UrgentHelp, BotApp.UrgentHelp), replies[0]);
        }

        Assert.True(replies.Count >= 2, string.Join("\n", replies));
        Assert.Single(replies, r => r.Contains(BotApp.UrgentHelp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_ordinary_first_message_still_carries_the_urgent_help_contact()
    {
        var chat = new HttpChat(_client);

        var replies = await chat.SayAsync("my manager keeps making comments about my clothes in meetings");

        Assert.Contains(Text.Format(TextKey.DangerFirst, BotApp.UrgentHelp), Assert.Single(replies), StringComparison.Ordinal);
    }
}
