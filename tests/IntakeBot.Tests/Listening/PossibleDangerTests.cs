using IntakeBot.Listening;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntakeBot.Tests.Listening;

/// <summary>The listener's cue classes: a message that shares no phrase with the lexicon's groups is
/// still heard by the combination of its cues (who, where, now; threat speech and what it threatens),
/// one strong cue alone is possible danger and gets a short safety check with the urgent-help contact
/// (through real turns over HTTP, still kept in the account, the case not flagged), and figurative
/// idioms are no danger.</summary>
public sealed class PossibleDangerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private static readonly Listener Listener = new(Lexicons.Load(), NullLogger<Listener>.Instance);

    [Fact]
    public async Task One_strong_cue_mid_account_gets_the_safety_check_is_kept_and_the_account_goes_on()
    {
        await using var app = new BotApp(azurite);
        var blobs = new CaseBlobs(azurite, app);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "My manager mocks my accent in every meeting");

        var replies = await chat.SayAsync("ive been sleeping at my sisters place since last week");

        Assert.Equal(Text.Format(TextKey.SafetyCheck, BotApp.UrgentHelp), replies[0]);
        Assert.Contains(Text[TextKey.AccountNotedAgain1], replies);
        var more = await chat.SayAsync("he also laughed when I asked him to stop");
        Assert.Contains(Text[TextKey.AccountNotedAgain2], more);
        var draft = await blobs.DraftAsync();
        Assert.Equal(["My manager mocks my accent in every meeting", "ive been sleeping at my sisters place since last week", "he also laughed when I asked him to stop"], draft.Answers.WhatHappened);
        Assert.False(draft.SafetyConcern);
    }

    [Fact]
    public async Task One_sign_of_self_harm_alone_gets_the_safety_check_with_the_crisis_line()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "My manager mocks my accent in every meeting");

        var replies = await chat.SayAsync("i just cant see a way out of any of this");

        Assert.Equal(Text.Format(TextKey.SafetyCheckCrisis, BotApp.CrisisHelp, BotApp.UrgentHelp), replies[0]);
        Assert.Contains(Text[TextKey.AccountNotedAgain1], replies);
    }

    [Theory]
    [InlineData("en", "ive been sleeping at my sisters place since last week", Meaning.PossibleDanger)]
    [InlineData("en", "ive been sleeping at my sisters place since last week because he knows my old flat", Meaning.Danger)]
    [InlineData("en", "my ex is parked across the street again", Meaning.Danger)]
    [InlineData("en", "he texted me that i would regret going to hr", Meaning.Threat)]
    [InlineData("de", "ich schlafe gerade bei meiner schwester", Meaning.PossibleDanger)]
    [InlineData("de", "mein ex parkt schon wieder vor meiner wohnung", Meaning.Danger)]
    [InlineData("fr", "mon ex est encore garé devant mon immeuble, il attend", Meaning.Danger)]
    [InlineData("es", "mi ex esta otra vez esperando en el portal", Meaning.Danger)]
    public void Cues_are_heard_in_combination_where_no_phrase_of_the_groups_is_said(string language, string said, Meaning meant)
        => Assert.Equal(meant, Listener.Hear(said, ListeningPlace.OwnWords, language).Meaning);

    [Theory]
    [InlineData("en", "my boss will kill me if im late again")]
    [InlineData("en", "i was dying of embarrassment in that meeting")]
    [InlineData("en", "he skipped the health and safety briefing again")]
    [InlineData("de", "ich bin fast vor scham gestorben")]
    [InlineData("fr", "j'étais morte de honte")]
    [InlineData("es", "me mori de verguenza delante de todos")]
    public void Figurative_idioms_offer_no_help(string language, string said)
    {
        var heard = Listener.Hear(said, ListeningPlace.OwnWords, language);

        Assert.False(heard.OffersHelp, heard.Meaning.ToString());
    }
}
