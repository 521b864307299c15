using IntakeBot.Capture;

namespace IntakeBot.Tests.Capture;

public sealed class MessageHtmlTests
{
    [Fact]
    public void Scripts_styles_and_comments_are_dropped_and_the_words_kept_as_plain_text()
    {
        var html = "<style>p{color:red}</style><p>You&#39;re <b>useless</b>,<br>again</p><script>alert('x')</script><!-- hidden --><div>&lt;b&gt; is not bold</div>";

        var text = MessageHtml.ToPlainText(html);

        Assert.Equal("You're useless,\nagain\n<b> is not bold", text);
    }

    [Fact]
    public void A_script_that_is_never_closed_takes_nothing_after_it_into_the_text()
    {
        Assert.Equal("before", MessageHtml.ToPlainText("<p>before</p><script>steal(document.cookie) <p>more"));
    }

    [Fact]
    public void A_less_than_sign_in_the_words_is_not_taken_for_a_tag()
    {
        Assert.Equal("3 < 5 and 7 > 2", MessageHtml.ToPlainText("3 &lt; 5 and 7 &gt; 2"));
        Assert.Equal("3 < 5 is true", MessageHtml.ToPlainText("3 < 5 is true"));
    }

    [Fact]
    public void Images_are_listed_by_their_alt_text_never_by_their_address()
    {
        var names = MessageHtml.ImageNames("<p>look</p><img src=\"https://smba.trafficmanager.net/amer/v3/attachments/abc/views/original\" alt=\"screenshot.png\"><img src='https://x.test/y'>").ToList();

        Assert.Equal(["screenshot.png", "image 2"], names);
    }

    [Fact]
    public void Thousands_of_unclosed_tags_and_images_are_read_as_words_without_running_out_of_time()
    {
        var html = "<p>watch yourself</p>" + string.Concat(Enumerable.Repeat("<a", 200_000)) + string.Concat(Enumerable.Repeat("<img alt=\"", 20_000));

        var text = MessageHtml.ToPlainText(html);
        var images = MessageHtml.Images(html).ToList();

        Assert.StartsWith("watch yourself\n<a<a", text, StringComparison.Ordinal);
        Assert.Empty(images);
    }

    [Fact]
    public void Block_ends_and_line_breaks_become_new_lines_and_other_tags_go()
    {
        var html = "<div>first</div><DIV>second<BR/>third</DIV ><ul><li>one</li><li>two</li></ul><p>a < b <span class=\"x\">plain</span></p>";

        Assert.Equal("first\nsecond\nthird\none\ntwo\n\na < b plain", MessageHtml.ToPlainText(html));
    }
}
