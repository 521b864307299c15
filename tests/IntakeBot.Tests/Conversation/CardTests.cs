using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using Process = System.Diagnostics.Process;
using IntakeBot.Conversation;
using IntakeBot.Conversation.Cards;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Conversation;

public sealed class CardTests
{
    private static readonly TextCatalog Text = TextCatalog.Load();

    private static readonly IReadOnlyList<Choice> ElevenParts =
    [
        .. new[]
        {
            ("what-happened", TextKey.TitleWhatHappened), ("when", TextKey.TitleWhen), ("still-happening", TextKey.TitleStillHappening),
            ("setting", TextKey.TitleSetting), ("place", TextKey.TitlePlace), ("who", TextKey.TitleWho), ("witnesses", TextKey.TitleWitnesses),
            ("impact", TextKey.TitleImpact), ("evidence", TextKey.TitleEvidence), ("anything-else", TextKey.TitleAnythingElse), ("contact", TextKey.TitleContact),
        }.Select(p => new Choice(p.Item1, Text[p.Item2])),
    ];

    [Fact]
    public async Task Every_card_parses_without_errors_or_warnings_in_the_Adaptive_Cards_library()
    {
        var cards = AllCards().Select(CardOf).ToList();

        var problems = await ValidateAsync(cards);

        Assert.Equal(cards.Count, problems.Count);
        Assert.All(problems.Select((p, i) => (i, p)), card => Assert.True(card.p.Count == 0, $"card {card.i}: {string.Join("; ", card.p)}"));
    }

    [Fact]
    public async Task The_card_check_reports_a_broken_card()
    {
        var broken = CardOf(ChoiceMessage.Card(Text, Text[TextKey.AskWhichSection], ElevenParts));
        ((JArray)broken["body"]!).Add(new JObject { ["type"] = "Carousel2000" });
        broken["actions"] = new JArray(Enumerable.Range(0, 8).Select(i => AdaptiveCardJson.Submit($"b{i}", $"b{i}")));

        var problems = await ValidateAsync([broken]);

        Assert.NotEmpty(Assert.Single(problems));
    }

    [Fact]
    public void No_message_from_a_builder_carries_more_than_three_suggested_actions()
    {
        for (var count = 0; count <= ElevenParts.Count; count++)
        {
            var message = ChoiceMessage.Create(Text, Text[TextKey.AskWhichSection], [.. ElevenParts.Take(count)]);

            Assert.True((message.SuggestedActions?.Actions.Count ?? 0) <= ChoiceMessage.MaxSuggestedActions, $"{count} choices");
        }

        Assert.All(AllCards(), card => Assert.Null(card.SuggestedActions));
    }

    [Fact]
    public void More_than_three_choices_become_a_card_with_a_numbered_button_for_each()
    {
        var message = ChoiceMessage.Create(Text, Text[TextKey.AskWhichSection], ElevenParts);

        var buttons = Buttons(CardOf(message));
        Assert.Equal(ElevenParts.Select(p => p.Id), buttons.Select(b => (string)b["data"]![CardSubmission.ChoiceField]!));
        Assert.Equal("7. " + Text[TextKey.TitleWitnesses], (string)buttons[6]["title"]!);
        Assert.Contains("7. " + Text[TextKey.TitleWitnesses], message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_choices_or_fewer_stay_suggested_actions_with_their_titles()
    {
        var message = ChoiceMessage.Create(Text, Text[TextKey.AskSafeNow], [new("yes", Text[TextKey.ChoiceYes]), new("no", Text[TextKey.ChoiceNo]), new("not-sure", Text[TextKey.ChoiceNotSure])]);

        Assert.Empty(message.Attachments ?? []);
        Assert.Equal([Text[TextKey.ChoiceYes], Text[TextKey.ChoiceNo], Text[TextKey.ChoiceNotSure]], message.SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public void The_review_card_has_submit_edit_discard_and_an_edit_button_for_every_part()
    {
        var card = CardOf(ReviewCard.Create(Text, Review(ElevenParts.Select(p => new CardPart(p.Id, p.Title, ["an answer"])))));

        var top = ((JArray)card["actions"]!).Select(a => (string)a["data"]![CardSubmission.ChoiceField]!);
        Assert.Equal([ReviewCard.SubmitChoice, ReviewCard.EditChoice, ReviewCard.DiscardChoice], top);
        var edits = Buttons(card).Where(b => (string?)b["data"]![CardSubmission.PartField] is not null).Select(b => (string)b["data"]![CardSubmission.PartField]!);
        Assert.Equal(ElevenParts.Select(p => p.Id), edits);
    }

    [Fact]
    public void Evidence_on_the_review_is_numbered_with_a_remove_button_each_and_the_card_says_how_to_act_once()
    {
        var message = ReviewCard.Create(Text, Review([new CardPart("evidence", Text[TextKey.TitleEvidence], ["chat.png (20 KB)", "notes.pdf (3 KB)"], ["IR-ABCD2345/evidence/k1-chat.png", "IR-ABCD2345/evidence/k2-notes.pdf"])]));
        var card = CardOf(message);

        var removes = Buttons(card).Where(b => (string?)b["data"]![CardSubmission.ChoiceField] == ReviewCard.RemoveChoice).ToList();
        Assert.Equal(["IR-ABCD2345/evidence/k1-chat.png", "IR-ABCD2345/evidence/k2-notes.pdf"], removes.Select(b => (string)b["data"]![CardSubmission.PartField]!));
        Assert.All(removes, b => Assert.Equal(Text[TextKey.CardRemove], (string)b["title"]!));
        var texts = card.Descendants().OfType<JObject>().Select(o => (string?)o["text"]).OfType<string>().ToList();
        Assert.Contains("1. chat.png (20 KB)", texts);
        Assert.Contains("2. notes.pdf (3 KB)", texts);
        Assert.Single(texts, t => t == Text[TextKey.ReviewCardHow]);
        Assert.Equal(Text[TextKey.ReviewCardText], message.Text);
    }

    [Fact]
    public void A_long_report_is_cut_on_the_card_with_a_note_and_stays_under_the_Teams_message_size()
    {
        var huge = string.Concat(Enumerable.Repeat("He said \"you're useless\" 😡\u0001 **not bold** [link](https://x.test) ", 400));
        var content = Review(ElevenParts.Select(p => new CardPart(p.Id, p.Title, [huge, huge])));

        var message = ReviewCard.Create(Text, content);

        Assert.True(AdaptiveCardJson.MessageBytes(message) <= AdaptiveCardJson.MaxMessageBytes, $"{AdaptiveCardJson.MessageBytes(message)} bytes");
        var json = JsonConvert.SerializeObject(message);
        Assert.Contains(Text[TextKey.CardCut], json, StringComparison.Ordinal);
        Assert.DoesNotContain(huge, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_evidence_items_show_the_first_few_and_how_many_more_are_in_the_case_file()
    {
        var lines = Enumerable.Range(1, 25).Select(i => $"screenshot-{i}.png (1 KB)").ToList();
        var card = CardOf(ReviewCard.Create(Text, Review([new CardPart("evidence", Text[TextKey.TitleEvidence], lines)])));

        var json = card.ToString();
        Assert.Contains("screenshot-10.png", json, StringComparison.Ordinal);
        Assert.DoesNotContain("screenshot-11.png", json, StringComparison.Ordinal);
        Assert.Contains(Text.Format(TextKey.CardMoreItems, 15), json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reporters_words_are_plain_text_runs_never_markdown()
    {
        const string typed = "**he** said [click](https://evil.test) <at>Alex</at>";
        var card = CardOf(ReviewCard.Create(Text, Review([new CardPart("who", Text[TextKey.TitleWho], [typed])])));

        var shown = card.Descendants().OfType<JObject>().Where(o => o["text"]?.ToString() == typed).ToList();
        Assert.Equal("TextRun", (string)Assert.Single(shown)["type"]!);
    }

    [Fact]
    public void The_text_fallback_carries_no_report_content()
    {
        const string canary = "CANARY-7f3a";
        var review = ReviewCard.Create(Text, Review([new CardPart("who", Text[TextKey.TitleWho], [canary])]));
        var owner = CaseCard.Create(Text, Case([new CardPart("who", Text[TextKey.TitleWho], [canary])], [], noContact: false));

        Assert.False(string.IsNullOrWhiteSpace(review.Text));
        Assert.False(string.IsNullOrWhiteSpace(owner.Text));
        Assert.DoesNotContain(canary, review.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, owner.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_case_card_offers_the_owners_actions_for_that_case_and_shows_a_no_contact_request_first()
    {
        var card = CardOf(CaseCard.Create(Text, Case([new CardPart("contact", Text[TextKey.TitleContact], [Text[TextKey.ChoiceNoContact]])], [new("Alex Example", "alex@contoso.test")], noContact: true)));

        var submits = Buttons(card).Select(b => ((string)b["data"]![CardSubmission.ChoiceField]!, (string?)b["data"]![CardSubmission.ReferenceField])).ToList();
        Assert.Equal([(CaseCard.AccessChoice, "IR-ABCD2345"), (CaseCard.ShareChoice, "IR-ABCD2345"), (CaseCard.RevokeChoice, "IR-ABCD2345")], submits);
        var body = (JArray)card["body"]!;
        Assert.Equal(Text[TextKey.CardNoContactBanner], (string)body[0]["items"]![1]!["text"]!);
        Assert.Contains("alex@contoso.test", card.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_nobody_else_can_read_offers_no_revoke()
    {
        var card = CardOf(CaseCard.Create(Text, Case([], [], noContact: false)));

        Assert.Contains(Buttons(card), b => (string)b["data"]![CardSubmission.ChoiceField]! == CaseCard.ShareChoice);
        Assert.DoesNotContain(Buttons(card), b => (string)b["data"]![CardSubmission.ChoiceField]! == CaseCard.RevokeChoice);
    }

    [Fact]
    public void A_button_press_as_Teams_delivers_it_reads_back_as_the_typed_choice()
    {
        // Teams sends Action.Submit as a message with no text and value = the button's data plus the card's inputs.
        var share = (JObject)Buttons(CardOf(CaseCard.Create(Text, Case([], [], noContact: false))))[1]["data"]!.DeepClone();
        share[CardSubmission.ShareAddressInput] = " alex@contoso.test ";
        share[CardSubmission.RevokeAddressInput] = "kim@contoso.test";
        var activity = JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(new { type = "message", value = share }))!;

        Assert.Equal(new CardSubmission(CaseCard.ShareChoice, null, "IR-ABCD2345", "alex@contoso.test"), CardSubmission.Read(activity.Value));
        Assert.Equal(new CardSubmission("edit", "witnesses", null, null), CardSubmission.Read(System.Text.Json.JsonDocument.Parse("""{"intakeChoice":"edit","intakePart":"witnesses"}""").RootElement));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("""{"intakeChoice": 5}""")]
    [InlineData("""{"intakeChoice": ""}""")]
    [InlineData("""{"other": "x"}""")]
    [InlineData("""["intakeChoice"]""")]
    public void A_value_that_is_not_one_of_these_cards_reads_as_nothing(string? value)
        => Assert.Null(CardSubmission.Read(value is null ? null : value.StartsWith('{') || value.StartsWith('[') ? JToken.Parse(value) : value));

    private static IEnumerable<Activity> AllCards()
    {
        var answered = ElevenParts.Select(p => new CardPart(p.Id, p.Title, ["an answer", "and a second message"])).ToList();
        var huge = new string('x', 50_000);
        yield return ChoiceMessage.Card(Text, Text[TextKey.AskWhichSection], ElevenParts);
        yield return ChoiceMessage.Create(Text, Text[TextKey.AskRole], [new("me", Text[TextKey.ChoiceHappenedToMe]), new("saw", Text[TextKey.ChoiceSawIt]), new("both", Text[TextKey.ChoiceBoth]), new("dont-know", Text[TextKey.ChoiceDontKnow])]);
        yield return ReviewCard.Create(Text, Review(answered));
        yield return ReviewCard.Create(Text, Review(ElevenParts.Select(p => new CardPart(p.Id, p.Title, []))));
        yield return ReviewCard.Create(Text, Review([new CardPart("evidence", Text[TextKey.TitleEvidence], ["a.png (1 KB)", "b.pdf (2 KB)"], ["IR-ABCD2345/evidence/a", "IR-ABCD2345/evidence/b"])]));
        yield return ReviewCard.Create(Text, Review(ElevenParts.Select(p => new CardPart(p.Id, p.Title, [huge]))));
        yield return CaseCard.Create(Text, Case(answered, [new("Alex Example", "alex@contoso.test"), new("Kim Example", "kim@contoso.test")], noContact: true));
        yield return CaseCard.Create(Text, Case([.. ElevenParts.Select(p => new CardPart(p.Id, p.Title, [huge]))], [], noContact: false));
    }

    private static ReviewCardContent Review(IEnumerable<CardPart> parts)
        => new(Text[TextKey.ReviewCardText], Text[TextKey.ReviewCardTitle], Text[TextKey.ReviewCardClassification], Text.Format(TextKey.ReviewWhoReceives, "the conduct team"), [.. parts], Text[TextKey.ReviewCardHow]);

    private static CaseCardContent Case(IReadOnlyList<CardPart> parts, IReadOnlyList<CardReader> readers, bool noContact)
        => new("IR-ABCD2345", Text.Format(TextKey.CaseCardTitle, "IR-ABCD2345"), Text.Format(TextKey.CaseCardFacts, "self-report", "submitted", "2026-11-25"), noContact, SafetyConcern: false, parts,
            readers.Count == 0 ? Text[TextKey.CaseCardAccessNone] : Text.Format(TextKey.CaseCardAccess, string.Join(", ", readers.Select(r => r.Name))), readers,
            [Text.Format(TextKey.CaseCardAdditions, "2026-11-25: more")]);

    private static JObject CardOf(Activity message)
    {
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal(AdaptiveCardJson.ContentType, attachment.ContentType);
        return JObject.FromObject(attachment.Content);
    }

    /// <summary>Every Action.Submit anywhere on the card, in order (body, actions, shown cards).</summary>
    private static List<JObject> Buttons(JObject card)
        => [.. card.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "Action.Submit")];

    /// <summary>Runs tests/cards/validate-card.cjs (Microsoft's adaptivecards package at 1.5) over the
    /// cards and returns the problems it found for each.</summary>
    private static async Task<List<List<string>>> ValidateAsync(IReadOnlyList<JObject> cards)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.Root, "tests", "cards", "validate-card.cjs")])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.StandardInput.WriteAsync(new JArray(cards).ToString(Formatting.None));
        node.StandardInput.Close();
        await node.WaitForExitAsync();
        Assert.True((await errors).Length == 0, await errors);
        return JsonConvert.DeserializeObject<List<List<string>>>(await output)!;
    }
}
