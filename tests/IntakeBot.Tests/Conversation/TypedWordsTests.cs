using IntakeBot.Conversation;
using IntakeBot.Conversation.Cards;
using IntakeBot.Text;

namespace IntakeBot.Tests.Conversation;

public sealed class TypedWordsTests
{
    private static readonly TextCatalog Text = TextCatalog.Load();

    [Theory]
    [InlineData("done")]
    [InlineData("Done.")]
    [InlineData("done!")]
    [InlineData("  DONE  ")]
    [InlineData("done please")]
    [InlineData("ok done")]
    [InlineData("Finished")]
    [InlineData("that's all")]
    [InlineData("That\u2019s all, thanks")]
    public void Done_is_recognised_however_it_is_typed(string said) => Assert.True(Text.IsWord(said, TextKey.ChoiceDone));

    [Theory]
    [InlineData("pause please")]
    [InlineData("Pause.")]
    [InlineData("please pause")]
    public void Pause_is_recognised_with_a_polite_word(string said) => Assert.True(Text.IsWord(said, TextKey.ChoicePause));

    [Theory]
    [InlineData("Skip")]
    [InlineData("skip!")]
    public void Skip_is_recognised_in_any_case(string said) => Assert.True(Text.IsWord(said, TextKey.ChoiceSkip));

    [Theory]
    [InlineData("stop")]
    [InlineData("Cancel")]
    [InlineData("quit.")]
    [InlineData("exit please")]
    public void Every_way_of_leaving_means_stop(string said) => Assert.True(Text.IsWord(said, TextKey.ChoiceStop));

    [Theory]
    [InlineData("I'm done with the meeting notes, and then he said it")]
    [InlineData("done deal")]
    [InlineData("he said he was finished with me")]
    [InlineData("")]
    [InlineData(null)]
    public void Words_inside_an_account_are_not_taken_for_done(string? said) => Assert.False(Text.IsWord(said, TextKey.ChoiceDone));

    [Theory]
    [InlineData("no")]
    [InlineData("No.")]
    [InlineData("none")]
    [InlineData("nothing")]
    [InlineData("N/A")]
    [InlineData("not now")]
    [InlineData("skip")]
    public void Nothing_to_add_is_recognised_at_an_optional_step(string said) => Assert.True(Text.IsNothing(said));

    [Fact]
    public void A_plain_no_is_not_the_skip_word_where_no_is_an_answer()
        => Assert.False(Text.IsWord("no", TextKey.ChoiceSkip));

    [Theory]
    [InlineData("Hi")]
    [InlineData("hello!")]
    [InlineData("Hey there")]
    [InlineData("good morning :)")]
    public void Greetings_are_recognised(string said) => Assert.True(Text.IsGreeting(said));

    [Theory]
    [InlineData("Hi, my manager shouted at me in front of the whole team yesterday")]
    [InlineData("report")]
    public void A_greeting_inside_an_account_is_not_a_greeting(string said) => Assert.False(Text.IsGreeting(said));

    [Theory]
    [InlineData("My manager shouted at me in front of the whole team yesterday", true)]
    [InlineData("take a report", false)]
    [InlineData("hello there how are you", false)]
    public void A_message_of_more_than_a_few_words_looks_like_an_account(string said, bool expected)
        => Assert.Equal(expected, TextCatalog.LooksLikeAccount(said));

    private static readonly IReadOnlyList<Choice> Parts =
    [
        new("what-happened", Text[TextKey.TitleWhatHappened]),
        new("when", Text[TextKey.TitleWhen]),
        new("witnesses", Text[TextKey.TitleWitnesses]),
        new("evidence", Text[TextKey.TitleEvidence]),
        new("contact", Text[TextKey.TitleContact]),
    ];

    [Theory]
    [InlineData("3", "witnesses")]
    [InlineData("3.", "witnesses")]
    [InlineData("witnesses", "witnesses")]
    [InlineData("Witnesses", "witnesses")]
    [InlineData("Anyone else who saw or heard it", "witnesses")]
    [InlineData("contact please", "contact")]
    [InlineData("Contact.", "contact")]
    [InlineData("what happened", "what-happened")]
    [InlineData("screenshots", "evidence")]
    [InlineData("1", "what-happened")]
    public void A_choice_is_found_by_number_title_or_short_name(string said, string expected)
        => Assert.Equal(expected, ChoiceMatcher.Match(Text, said, Parts)?.Id);

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("and")]
    [InlineData("the witnesses said he was angry")]
    [InlineData("")]
    public void Anything_else_matches_no_choice(string said) => Assert.Null(ChoiceMatcher.Match(Text, said, Parts));

    [Fact]
    public void A_card_button_picks_the_choice_it_stands_for()
    {
        var submission = CardSubmission.Read(Newtonsoft.Json.Linq.JObject.Parse("""{"intakeChoice":"contact"}"""));

        Assert.Equal("contact", ChoiceMatcher.Match(submission, Parts)?.Id);
    }

    [Fact]
    public void The_account_acknowledgements_vary_after_the_first()
    {
        var said = Enumerable.Range(1, 4).Select(n => Acknowledgements.ForAccountMessage(Text, n)).ToList();

        Assert.Contains("done", said[0], StringComparison.Ordinal);
        Assert.Equal(4, said.Distinct().Count());
    }

    [Theory]
    [InlineData(2, "1 KB")]
    [InlineData(1024, "1 KB")]
    [InlineData(1025, "2 KB")]
    [InlineData(350 * 1024, "350 KB")]
    [InlineData(4_404_019, "4.2 MB")]
    [InlineData(5L * 1024 * 1024 * 1024, "5 GB")]
    public void Sizes_are_shown_in_kilobytes_or_megabytes_never_bytes(long bytes, string expected)
        => Assert.Equal(expected, Sizes.Format(Text, bytes));
}
