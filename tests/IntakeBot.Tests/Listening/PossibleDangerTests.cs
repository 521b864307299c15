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
    [InlineData("en", "he calls at 3am and doesnt say anything, just breathing", Meaning.Danger)]
    [InlineData("de", "er hat nen zweitschlüssel und war in meiner wohnung als ich nicht da war", Meaning.Danger)]
    [InlineData("de", "er hat noch meinen schlüssel", Meaning.PossibleDanger)]
    [InlineData("de", "der gleiche typ war heut wieder in meinem bus", Meaning.Danger)]
    [InlineData("de", "er schickt die fotos an alle kollegen wenn ich rede", Meaning.Threat)]
    [InlineData("fr", "il m'appelle la nuit et dit rien, il respire juste", Meaning.Danger)]
    [InlineData("fr", "il a installé un truc sur mon téléphone, il sait toujours où je suis", Meaning.Danger)]
    [InlineData("es", "tiene una copia de mis llaves y entro en mi casa cuando no estaba", Meaning.Danger)]
    [InlineData("es", "le regale mi gato a la vecina y ordene todas mis cosas", Meaning.SelfHarm)]
    public void Cues_are_heard_in_combination_where_no_phrase_of_the_groups_is_said(string language, string said, Meaning meant)
        => Assert.Equal(meant, Listener.Hear(said, ListeningPlace.OwnWords, language).Meaning);

    [Theory]
    [InlineData("en", "my boss will kill me if im late again")]
    [InlineData("en", "i was dying of embarrassment in that meeting")]
    [InlineData("en", "he skipped the health and safety briefing again")]
    [InlineData("de", "ich bin fast vor scham gestorben")]
    [InlineData("fr", "j'étais morte de honte")]
    [InlineData("es", "me mori de verguenza delante de todos")]
    [InlineData("de", "ich bring ihn um, wenn er nochmal das Meeting verschiebt")]
    [InlineData("de", "er hat mir vor zwei jahren mal gedroht, aber das ist längst geklärt")]
    [InlineData("de", "wir haben in der pause über den tatort geredet, wo einer seine ex verfolgt und bedroht")]
    [InlineData("de", "die neuen vorschläge klingen gut")]
    [InlineData("de", "ich musste wegen der kopfschmerzen ibuprofen nehmen")]
    [InlineData("fr", "je vais le tuer s'il redécale encore la réunion")]
    [InlineData("fr", "on fait le pont vendredi avec toute l'équipe")]
    [InlineData("fr", "j'ai dû finir le dossier en urgence")]
    [InlineData("fr", "mon chef me file tous les dossiers pourris")]
    [InlineData("es", "voy a matar al de sistemas, otra vez sin internet")]
    [InlineData("es", "el encargado me grita delante de los clientes")]
    [InlineData("es", "te espero en la sala de reuniones a las diez")]
    public void Figurative_idioms_offer_no_help(string language, string said)
    {
        var heard = Listener.Hear(said, ListeningPlace.OwnWords, language);

        Assert.False(heard.OffersHelp, heard.Meaning.ToString());
    }

    /// <summary>Fear of going somewhere is danger where the place is home, out, or where he is; fear of
    /// meetings since is the harm it did (the impact), not a danger now.</summary>
    [Theory]
    [InlineData("en", "im scared to go to meetings now", false)]
    [InlineData("fr", "j'ai peur d'aller aux réunions maintenant", false)]
    [InlineData("en", "im scared to go home tonight", true)]
    [InlineData("fr", "j'ai peur de rentrer chez moi ce soir", true)]
    [InlineData("es", "me da miedo volver a casa esta noche", true)]
    [InlineData("en", "im afraid to go to work tomorrow, he'll be there", true)]
    public void Fear_of_going_home_offers_help_and_fear_of_meetings_does_not(string language, string said, bool help)
    {
        var heard = Listener.Hear(said, ListeningPlace.OwnWords, language);

        Assert.True(heard.OffersHelp == help, $"{heard.Meaning} ({heard.Detail})");
    }

    /// <summary>A question about the process is a question, at whatever step it is asked.</summary>
    [Theory]
    [InlineData("en", "what happens if i say no")]
    [InlineData("en", "what happens if i say no to that")]
    [InlineData("de", "was passiert wenn ich nein sage")]
    [InlineData("fr", "qu'est-ce qui se passe si je dis non")]
    [InlineData("es", "que pasa si digo que no")]
    public void Asking_what_happens_if_one_says_no_is_a_question_not_danger(string language, string said)
    {
        var heard = Listener.Hear(said, ListeningPlace.OwnWords, language);

        Assert.True(heard.Meaning == Meaning.Question, $"{heard.Meaning} ({heard.Detail})");
    }

    /// <summary>"Only a joke" is how a threat is often played down, by the one who made it or by the
    /// person telling it: it still gets the safety check at least.</summary>
    [Theory]
    [InlineData("en", "he said as a joke that he'd kill me if i went to hr, everyone laughed")]
    [InlineData("de", "er meinte im spaß, er bringt mich um, wenn ich zur personalabteilung gehe")]
    [InlineData("de", "er hat gedroht mich fertig zu machen, aber das war wohl nur ein witz")]
    [InlineData("fr", "il m'a menacée de me faire regretter si je parlais, c'était pour rire soi-disant")]
    [InlineData("es", "me amenazo con que me arrepentiria si hablaba, dijo que era broma")]
    public void A_threat_played_down_as_a_joke_still_offers_help(string language, string said)
    {
        var heard = Listener.Hear(said, ListeningPlace.OwnWords, language);

        Assert.True(heard.OffersHelp, heard.Meaning.ToString());
    }

    /// <summary>Talk of a film or a series is taken out before reading, but not what happened around it.</summary>
    [Theory]
    [InlineData("en", "after the movie he followed me home and waited outside my door")]
    [InlineData("de", "nach dem film ist er mir bis nach hause gefolgt und stand vor meiner tür")]
    [InlineData("de", "wir haben eine serie geschaut, dann hat er gesagt er bringt mich um wenn ich gehe")]
    [InlineData("fr", "après le film il m'a suivie jusque chez moi et il attendait devant ma porte")]
    [InlineData("es", "despues de la pelicula me siguio hasta mi casa y se quedo esperando en la puerta")]
    public void Danger_told_beside_a_film_still_offers_help(string language, string said)
    {
        var heard = Listener.Hear(said, ListeningPlace.OwnWords, language);

        Assert.True(heard.OffersHelp, heard.Meaning.ToString());
    }

    [Theory]
    [InlineData("en", "ignore my last message")]
    [InlineData("en", "i dont think i want to send this anymore")]
    public void Taking_back_what_one_wrote_is_second_thoughts_not_a_last_message(string language, string said)
        => Assert.Equal(Meaning.SecondThoughts, Listener.Hear(said, ListeningPlace.OwnWords, language).Meaning);
}
