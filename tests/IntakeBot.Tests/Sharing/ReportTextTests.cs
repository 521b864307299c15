using IntakeBot.Sharing;
using IntakeBot.Text;

namespace IntakeBot.Tests.Sharing;

public sealed class ReportTextTests
{
    private static RecipientCheck Person(string address, string? displayName = null, string? given = null, string? surname = null, params string[] proxies)
        => new(RecipientVerdict.Person, address, "u-1", displayName, address, address) { GivenName = given, Surname = surname, ProxyAddresses = proxies };

    [Theory]
    [InlineData("alex, from accounts", "alex")]
    [InlineData("it was ALEX.", "ALEX")]
    [InlineData("Älex", "Älex")]
    [InlineData("a-l-e-x", null)]
    [InlineData("Alexander", null)]
    [InlineData("Al", null)]
    public void A_local_part_matches_only_as_a_whole_word_whatever_the_case_accents_and_punctuation(string written, string? shown)
    {
        var mentions = new ReportText([written]).Mentions(Person("alex@contoso.test"));

        Assert.Equal(shown is null ? [] : [shown], mentions);
    }

    [Fact]
    public void Al_does_not_match_alex()
    {
        Assert.Empty(new ReportText(["Alex shouted"]).Mentions(Person("al@contoso.test", "Al")));
    }

    [Theory]
    [InlineData("Bob Smith (HR) 🌻", "Bob Smith, my manager")]
    [InlineData("Smith, Bob [Contractor]", "bob smith")]
    [InlineData("🌻 Bob Smith", "it was bob   SMITH!")]
    [InlineData("José Núñez", "JOSE NUNEZ")]
    [InlineData("Jose Nunez", "José Núñez")]
    [InlineData("Søren Æbelø", "soren aebelo")]
    public void Display_names_with_brackets_commas_and_emoji_match_the_name_as_people_write_it(string displayName, string written)
    {
        Assert.NotEmpty(new ReportText([written]).Mentions(Person("x9@contoso.test", displayName)));
    }

    [Fact]
    public void Proxy_addresses_and_dotted_local_parts_read_as_names()
    {
        var person = Person("rs@contoso.test", null, null, null, "smtp:robert.smith@contoso.test", "SIP:bobby_s@contoso.test");

        Assert.Equal(["Robert Smith", "Bobby S"], new ReportText(["Robert Smith and Bobby S"]).Mentions(person));
    }

    [Fact]
    public void Typed_links_markdown_and_mentions_are_escaped_for_display()
    {
        var shown = PlainText.Escape("[x](https://evil.test) **b** <at>A</at> www.evil.test");

        Assert.Equal(@"\[x\]\(https\://evil.test\) \*\*b\*\* \<at\>A\</at\> www\.evil.test", shown);
    }
}
