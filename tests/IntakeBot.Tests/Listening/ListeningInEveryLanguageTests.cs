using IntakeBot.Cases.Answers;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Listening;

/// <summary>The listener in German, French and Spanish, through real turns over HTTP with the locale
/// Teams sends: danger gets help first in the person's language and is kept, a question is answered
/// and not stored, second thoughts get pause or delete, English still works, and someone who writes in
/// another language than the conversation's is offered it once, with nothing lost.</summary>
public sealed class ListeningInEveryLanguageTests(BotAppFixture fixture) : IClassFixture<BotAppFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();

    [Theory]
    [InlineData("de-DE", "de", "Er hat mich vor allen angeschrien", "er wartet vor meiner tür, ich trau mich nich raus")]
    [InlineData("fr-FR", "fr", "Il m'a crié dessus devant toute l'équipe", "il sait où j'habite et il m'attend en bas")]
    [InlineData("es-ES", "es", "Me gritó delante de todo el equipo", "esta esperandome en la puerta y tengo miedo de salir")]
    public async Task Danger_told_mid_account_gets_help_first_in_the_conversations_language_and_is_kept(string locale, string language, string account, string danger)
    {
        var blobs = fixture.Blobs;
        var chat = new HttpChat(fixture.Client, locale: locale);
        await chat.SayAllAsync("report", account);

        var replies = await chat.SayAsync(danger);

        Assert.Equal(string.Format(ReaderLanguage.CultureOf(language), Text.In(language)[TextKey.UrgentHelpNow], BotApp.UrgentHelp), replies[0]);
        var draft = await blobs.DraftAsync(chat.ConversationId);
        Assert.Equal([account, danger], draft.Answers.WhatHappened);
        Assert.True(draft.SafetyConcern);
    }

    [Theory]
    [InlineData("de-DE", "de", "ich halte das alles nicht mehr aus")]
    [InlineData("fr-FR", "fr", "je veux plus vivre")]
    [InlineData("es-ES", "es", "ya no aguanto más")]
    public async Task Thoughts_of_ending_it_get_the_crisis_line_in_the_conversations_language(string locale, string language, string said)
    {
        var chat = new HttpChat(fixture.Client, locale: locale);
        await chat.SayAllAsync("report", "my manager mocks me every day");

        var replies = await chat.SayAsync(said);

        Assert.Equal(string.Format(ReaderLanguage.CultureOf(language), Text.In(language)[TextKey.CrisisHelpNow], BotApp.CrisisHelp, BotApp.UrgentHelp), replies[0]);
    }

    [Theory]
    [InlineData("de-DE", "de", "wer kriegt das alles zu sehen?")]
    [InlineData("fr-FR", "fr", "qui va lire ça ?")]
    [InlineData("es-ES", "es", "¿quién va a leer esto?")]
    public async Task A_question_mid_account_is_answered_in_the_conversations_language_and_not_stored(string locale, string language, string question)
    {
        var blobs = fixture.Blobs;
        var chat = new HttpChat(fixture.Client, locale: locale);
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting");

        var answered = await chat.ExchangeAsync(question);

        Assert.Contains(Text.In(language)[TextKey.QuestionKeepOffer], answered[0].Value<string>("text"), StringComparison.Ordinal);
        Assert.Contains(Text.In(language)[TextKey.ChoiceJustTheAnswer], answered[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(["He shouted at me in the stand-up meeting"], (await blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened);
    }

    [Fact]
    public async Task Second_thoughts_in_spanish_are_offered_pause_or_delete_and_not_kept()
    {
        var blobs = fixture.Blobs;
        var chat = new HttpChat(fixture.Client, locale: "es-MX");
        await chat.SayAllAsync("report", "Me gritó delante de todo el equipo");

        var offered = await chat.ExchangeAsync("sabes q, olvidalo, ya no quiero hacer esto");

        Assert.Contains(Text.In("es")[TextKey.ChoiceDeleteDraft], offered[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(["Me gritó delante de todo el equipo"], (await blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened);
    }

    [Fact]
    public async Task An_english_danger_message_in_a_spanish_conversation_still_gets_help_first_and_is_kept()
    {
        var blobs = fixture.Blobs;
        var chat = new HttpChat(fixture.Client, locale: "es-ES");
        await chat.SayAllAsync("report", "Me gritó delante de todo el equipo");

        var replies = await chat.SayAsync("he is waiting outside my house right now");

        Assert.Contains(BotApp.UrgentHelp, replies[0], StringComparison.Ordinal);
        Assert.Equal(Text.In("en")[TextKey.LanguageOffer], replies[^1]);
        Assert.Contains("he is waiting outside my house right now", (await blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened);
    }

    [Fact]
    public async Task A_spanish_paragraph_in_an_english_conversation_is_kept_and_spanish_is_offered_once()
    {
        var blobs = fixture.Blobs;
        var chat = new HttpChat(fixture.Client, locale: "en-GB");
        await chat.SayAllAsync("report");
        const string paragraph = "mi jefe me grita delante de todos y siempre dice que no sirvo para nada";

        var offered = await chat.ExchangeAsync(paragraph);
        var declined = await chat.SayAsync("No, gracias");
        var again = await chat.SayAsync("y luego se rie con los demas en la reunion de los lunes");

        var offer = offered[^1];
        Assert.Equal(Text.In("es")[TextKey.LanguageOffer], offer.Value<string>("text"));
        Assert.Equal([Text.In("es")[TextKey.ChoiceSwitchLanguage], Text.In("es")[TextKey.ChoiceKeepLanguage]], offer.SelectTokens("suggestedActions.actions[*].title").Select(t => t.ToString()));
        Assert.Equal(Text[TextKey.LanguageKept], declined[0]);
        Assert.DoesNotContain(Text.In("es")[TextKey.LanguageOffer], again);
        Assert.Equal([paragraph, "y luego se rie con los demas en la reunion de los lunes"], (await blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened);
    }

    [Fact]
    public async Task Taking_the_offer_goes_on_in_spanish_with_the_same_question_and_keeps_what_was_written()
    {
        var blobs = fixture.Blobs;
        var chat = new HttpChat(fixture.Client, locale: "en-GB");
        await chat.SayAllAsync("report");
        const string paragraph = "mi jefe me grita delante de todos y siempre dice que no sirvo para nada";
        await chat.SayAsync(paragraph);

        var switched = await chat.SayAsync("Sí, en español");

        Assert.Equal(Text.In("es")[TextKey.LanguageSwitched], switched[0]);
        Assert.Equal([paragraph], (await blobs.DraftAsync(chat.ConversationId)).Answers.WhatHappened);
    }

    [Fact]
    public async Task A_plain_no_after_the_offer_answers_the_question_the_offer_came_with()
    {
        var blobs = fixture.Blobs;
        var chat = new HttpChat(fixture.Client, locale: "en-GB");
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting", "done", "nothing", "It happened to me");

        var offered = await chat.SayAsync("el martes pasado por la mañana en la oficina");
        var answered = await chat.SayAsync("No");

        Assert.Contains(Text[TextKey.AskStillHappening], offered);
        Assert.Equal(Text.In("es")[TextKey.LanguageOffer], offered[^1]);
        Assert.Contains(Text[TextKey.AskSafeNow], answered);
        Assert.DoesNotContain(Text[TextKey.LanguageKept], answered);
        Assert.Equal(YesNoAnswer.No, (await blobs.DraftAsync(chat.ConversationId)).Answers.StillHappening);
    }

    [Fact]
    public async Task A_code_with_letters_and_digits_is_no_word_of_another_language()
    {
        var chat = new HttpChat(fixture.Client, locale: "en-GB");
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting", "done", "nothing", "It happened to me");

        var replies = await chat.SayAsync("Last Tuesday morning, ticket 4c2d-7e1f");

        Assert.Contains(Text[TextKey.AskStillHappening], replies);
        Assert.DoesNotContain(Text.In("fr")[TextKey.LanguageOffer], replies);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("gracias")]
    [InlineData("sí")]
    public async Task One_word_in_another_language_is_never_taken_for_a_wish_to_switch(string word)
    {
        var chat = new HttpChat(fixture.Client, locale: "en-GB");
        await chat.SayAllAsync("report", "He shouted at me in the stand-up meeting");

        var replies = await chat.SayAsync(word);

        Assert.NotEmpty(replies);
        Assert.DoesNotContain(Text.In("es")[TextKey.LanguageOffer], replies);
    }
}
