using IntakeBot.Cases.Answers;
using System.Text;
using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace IntakeBot.Tests.Cases;

/// <summary>Each limit on how far a case may grow, reached over HTTP through the real bot on Azurite:
/// the person is told, and everything sent before it is kept.</summary>
public sealed class CaseLimitsTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FileServer _files = null!;

    public async Task InitializeAsync() => _files = await FileServer.StartAsync();

    public async Task DisposeAsync() => await _files.DisposeAsync();

    private BotApp NewApp(string limit, string value, string? owner = null)
    {
        var tokens = new Mock<IConnectorTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<ITurnContext>(), It.IsAny<CancellationToken>())).ReturnsAsync(FileServer.BotToken);
        var settings = new Dictionary<string, string?>
        {
            [$"Limits:{limit}"] = value,
            ["Evidence:AllowedHosts:0"] = "127.0.0.1",
            ["Evidence:AllowLoopbackHttp"] = "true",
        };
        if (owner is not null)
        {
            settings["Intake:DefaultOwner"] = owner;
            settings["Intake:Responders:0"] = owner;
        }

        return new BotApp(azurite, settings, services => services.AddSingleton(tokens.Object));
    }

    private static byte[] Pdf(int size)
    {
        var pdf = new byte[size];
        Array.Fill(pdf, (byte)' ');
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(pdf, 0);
        Encoding.ASCII.GetBytes("\n%%EOF").CopyTo(pdf, size - 6);
        return pdf;
    }

    private static string[] AfterTheAccount(string[] upToReview) => upToReview[(Array.IndexOf(upToReview, "done") + 1)..];

    private async Task<HttpChat> AtEvidenceStepAsync(BotApp app)
    {
        var chat = new HttpChat(app.CreateClient(), serviceUrl: _files.BaseUrl + "/");
        var upToReview = Intake.UpToReview();
        var replies = await chat.SayAllAsync(upToReview[..Array.IndexOf(upToReview, "skip")]);
        Assert.StartsWith("Do you have anything that shows what happened", replies[^1], StringComparison.Ordinal);
        return chat;
    }

    private static async Task<string> FinishFromEvidenceAsync(HttpChat chat)
    {
        return await chat.SubmitReportAsync("done", "skip", "Teams", "skip");
    }

    [Fact]
    public async Task The_message_that_fills_the_account_is_kept_and_the_intake_goes_on_to_the_next_question()
    {
        await using var app = NewApp("AccountMessages", "3");
        var chat = new HttpChat(app.CreateClient());
        await chat.SayAllAsync("report", "First part of what happened", "Second part");

        var replies = await chat.SayAsync("Third part");

        Assert.StartsWith("Thank you. All 3 messages you sent for this part are kept", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("Is there anything else about what was said or done", replies[1], StringComparison.Ordinal);
        var reference = await chat.SubmitReportAsync(AfterTheAccount(Intake.UpToReview()));
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["First part of what happened", "Second part", "Third part"], record.Answers.WhatHappened);
        Assert.Equal("Last Tuesday morning", record.Answers.When);
    }

    [Fact]
    public async Task An_item_past_the_cases_evidence_limit_is_refused_saying_so_and_the_items_before_it_are_kept()
    {
        await using var app = NewApp("EvidenceItemsPerCase", "2");
        var chat = await AtEvidenceStepAsync(app);
        await chat.SendAsync(null, [HttpChat.UploadedFile("notes.pdf", _files.Serve("notes.pdf", Pdf(100)))]);
        await chat.SayAsync("[10:02] Sam: you should just quit");

        var third = await chat.SendAsync(null, [HttpChat.UploadedFile("later.pdf", _files.Serve("later.pdf", Pdf(100)))]);
        var pasted = await chat.SayAsync("[10:05] Sam: one more thing");

        Assert.Equal("I didn't keep later.pdf: this report already holds 2 files and pasted texts, which is as many as one report can take. Everything kept before it stays with the report.", third[0]);
        Assert.StartsWith("I didn't keep the text you pasted: this report already holds 2", pasted[0], StringComparison.Ordinal);
        Assert.DoesNotContain(_files.Requests, r => r.Contains("later.pdf", StringComparison.Ordinal));
        var blobs = new CaseBlobs(azurite, app);
        var record = await blobs.CaseAsync(await FinishFromEvidenceAsync(chat));
        Assert.Equal(["notes.pdf", "pasted-text.txt"], record.Evidence.Select(e => e.SafeName));
        Assert.Equal(2, (await blobs.CaseBlobNamesAsync()).Count(n => n.Contains("/evidence/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_file_larger_than_the_room_left_in_the_case_is_refused_with_how_much_is_left()
    {
        await using var app = NewApp("EvidenceBytesPerCase", "10240");
        var chat = await AtEvidenceStepAsync(app);
        var first = await chat.SendAsync(null, [HttpChat.UploadedFile("first.pdf", _files.Serve("first.pdf", Pdf(6144)))]);

        var second = await chat.SendAsync(null, [HttpChat.UploadedFile("second.pdf", _files.Serve("second.pdf", Pdf(6144)))]);
        var small = await chat.SendAsync(null, [HttpChat.UploadedFile("small.pdf", _files.Serve("small.pdf", Pdf(3000)))]);

        Assert.StartsWith("Saved first.pdf (", first[0], StringComparison.Ordinal);
        Assert.Equal("I didn't keep second.pdf: the files with this report can take up 10 KB in all, and only 4 KB of that is left. Everything kept before it stays with the report. Could you attach a smaller version, or a screenshot of the relevant part?", second[0]);
        Assert.StartsWith("Saved small.pdf (", small[0], StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        var record = await blobs.CaseAsync(await FinishFromEvidenceAsync(chat));
        Assert.Equal(["first.pdf", "small.pdf"], record.Evidence.Select(e => e.SafeName));
        Assert.DoesNotContain(await blobs.CaseBlobNamesAsync(), n => n.EndsWith("second.pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_addition_past_the_cases_limit_is_refused_saying_so_and_the_additions_before_it_are_kept()
    {
        await using var app = NewApp("AdditionsPerCase", "2");
        var chat = new HttpChat(app.CreateClient());
        var reference = await chat.SubmitReportAsync();
        await chat.SayAllAsync($"add to {reference}", "It happened again today", "This time in the kitchen");

        var third = await chat.SayAsync("And once more on Friday");

        Assert.StartsWith($"I didn't add that message: {reference} already holds 2 additions", third[0], StringComparison.Ordinal);
        Assert.StartsWith("Thank you. What you added is saved", (await chat.SayAsync("done"))[0], StringComparison.Ordinal);
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["It happened again today", "This time in the kitchen"], record.Additions.Select(a => a.Text));
    }

    [Fact]
    public async Task Notes_and_the_thread_past_the_cases_limits_are_refused_saying_so_and_what_was_kept_stays()
    {
        var owner = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Limits:NotesPerCase"] = "2",
            ["Limits:MessagesPerCase"] = "2",
            ["Intake:DefaultOwner"] = owner,
            ["Intake:Responders:0"] = owner,
        });
        var reporter = new HttpChat(app.CreateClient());
        var responder = new HttpChat(app.CreateClient(), owner);
        var reference = await reporter.SubmitReportAsync();
        await responder.SayAllAsync($"note {reference} first call", $"note {reference} second call", $"message {reference} could we talk on Tuesday?");
        await reporter.SayAsync($"reply {reference} yes, Tuesday works");

        var note = await responder.SayAsync($"note {reference} third call");
        var message = await responder.SayAsync($"message {reference} one more thing");
        var reply = await reporter.SayAsync($"reply {reference} and one more from me");

        Assert.StartsWith($"I didn't save that note: {reference} already holds 2 internal notes", note[0], StringComparison.Ordinal);
        Assert.StartsWith($"I didn't save or send that message: the conversation about {reference} already holds 2 messages", message[0], StringComparison.Ordinal);
        Assert.StartsWith($"I couldn't add that reply: the conversation about {reference} already holds 2 messages", reply[0], StringComparison.Ordinal);
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["first call", "second call"], record.Notes.Select(n => n.Text));
        Assert.Equal(["could we talk on Tuesday?", "yes, Tuesday works"], record.Messages.Select(m => m.Text));
    }

    private BotApp ThreadApp(string additionsPerCase, string owner) => new(azurite, new Dictionary<string, string?>
    {
        ["Limits:MessagesPerCase"] = "2",
        ["Limits:AdditionsPerCase"] = additionsPerCase,
        ["Intake:DefaultOwner"] = owner,
        ["Intake:Responders:0"] = owner,
    });

    /// <summary>A submitted case whose thread is full with two messages (the owner's and the reporter's
    /// answer), and the <paramref name="additions"/> made before them.</summary>
    private static async Task<(HttpChat Reporter, string Reference)> FullThreadAsync(BotApp app, string owner, params string[] additions)
    {
        var reporter = new HttpChat(app.CreateClient());
        var responder = new HttpChat(app.CreateClient(), owner);
        var reference = await reporter.SubmitReportAsync();
        if (additions.Length > 0)
        {
            await reporter.SayAllAsync([$"add to {reference}", .. additions, "done"]);
        }

        await responder.SayAsync($"message {reference} could we talk on Tuesday?");
        await reporter.SayAsync($"reply {reference} yes, Tuesday works");
        return (reporter, reference);
    }

    private static string[] Choices(JObject reply)
        => [.. (reply.SelectToken("suggestedActions.actions") as JArray ?? []).Select(a => a.Value<string>("title") ?? string.Empty)];

    [Fact]
    public async Task A_reply_past_the_full_thread_is_said_not_kept_and_add_to_takes_it_into_the_same_report()
    {
        var owner = Guid.NewGuid().ToString();
        await using var app = ThreadApp("100", owner);
        var (reporter, reference) = await FullThreadAsync(app, owner);

        var full = Assert.Single(await reporter.ExchangeAsync($"reply {reference} and one more from me"));

        var said = full.Value<string>("text")!;
        Assert.StartsWith($"I couldn't add that reply: the conversation about {reference} already holds 2 messages", said, StringComparison.Ordinal);
        Assert.Contains("the reply you just wrote was not kept", said, StringComparison.Ordinal);
        Assert.Contains($"type **add to {reference}**", said, StringComparison.Ordinal);
        Assert.DoesNotContain("new report", said, StringComparison.Ordinal);
        Assert.Equal([$"add to {reference}", $"view {reference}"], Choices(full));

        await reporter.SayAllAsync(Choices(full)[0], "and one more from me", "done");
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["could we talk on Tuesday?", "yes, Tuesday works"], record.Messages.Select(m => m.Text));
        Assert.Equal(["and one more from me"], record.Additions.Select(a => a.Text));
    }

    [Fact]
    public async Task A_reply_past_the_full_thread_of_a_report_with_no_room_for_additions_is_said_not_kept_and_points_to_a_new_report()
    {
        var owner = Guid.NewGuid().ToString();
        await using var app = ThreadApp("2", owner);
        var (reporter, reference) = await FullThreadAsync(app, owner, "It happened again today", "This time in the kitchen");
        Assert.StartsWith($"Type your reply to {reference}", (await reporter.SayAsync($"reply {reference}"))[0], StringComparison.Ordinal);

        var full = Assert.Single(await reporter.ExchangeAsync("and one more from me"));

        var said = full.Value<string>("text")!;
        Assert.StartsWith($"I couldn't add that reply: the conversation about {reference} already holds 2 messages and the report already holds 2 additions", said, StringComparison.Ordinal);
        Assert.Contains("the reply you just wrote was not kept", said, StringComparison.Ordinal);
        Assert.DoesNotContain("add to", said, StringComparison.Ordinal);
        Assert.Equal(["report", $"view {reference}"], Choices(full));
        var record = await new CaseBlobs(azurite, app).CaseAsync(reference);
        Assert.Equal(["could we talk on Tuesday?", "yes, Tuesday works"], record.Messages.Select(m => m.Text));
        Assert.Equal(["It happened again today", "This time in the kitchen"], record.Additions.Select(a => a.Text));
    }

    [Theory]
    [InlineData("NotesPerCase", "0")]
    [InlineData("MessagesPerCase", "1001")]
    [InlineData("PeoplePerCase", "-1")]
    [InlineData("EvidenceBytesPerCase", "0")]
    public void A_limit_out_of_range_stops_the_app_at_start_up_naming_the_setting(string limit, string value)
    {
        using var app = NewApp(limit, value);

        Assert.Contains($"Limits:{limit} must be", app.StartupFailure(), StringComparison.Ordinal);
    }

    /// <summary>A submitted case at every configured limit: 100 account messages and 100 additions at
    /// the longest, every answer at the longest, 50 evidence items with long accented names, 50 notes.</summary>
    internal static CaseRecord AtEveryLimit(string owner, string reporterId, DateTimeOffset now)
        => new()
        {
            Reference = CaseReference.NewReference(),
            Status = CaseStatus.Submitted,
            Owner = owner,
            Reporter = new Reporter("29:someone", reporterId, "Someone"),
            CreatedAt = now,
            UpdatedAt = now,
            SubmittedAt = now,
            Answers = new IntakeAnswers
            {
                WhatHappened = [.. Enumerable.Range(0, 100).Select(i => Longest($"account {i}"))],
                When = Longest("when"),
                StillHappening = YesNoAnswer.No,
                SettingChoice = SettingAnswer.Online,
                Place = Longest("place"),
                WhoWasInvolved = Longest("who"),
                Witnesses = Longest("witnesses"),
                Impact = Longest("impact"),
                AnythingElse = Longest("else"),
                Contact = Longest("contact"),
            },
            Additions = [.. Enumerable.Range(0, 100).Select(i => new Addition(now, "someone", Longest($"addition {i}")))],
            Evidence = [.. Enumerable.Range(1, 50).Select(i => new EvidenceItem(i, $"IR-X/evidence/{i}", new string('é', 255), new string('n', 80) + ".pdf", "application/pdf", 10L * 1024 * 1024, new string('0', 64), "someone", now))],
            Notes = [.. Enumerable.Range(0, 50).Select(i => new CaseNote(now, owner, Longest($"note {i}")[..4000]))],
        };

    /// <summary>Text at the longest one message may be (Intake:MaxMessageLength), with accents and emoji
    /// so that every character costs more than one byte.</summary>
    internal static string Longest(string marker)
    {
        var words = new StringBuilder(marker);
        while (words.Length < 20_000 - 20)
        {
            words.Append(" Ünïcödé wörds 🙂");
        }

        return words.ToString();
    }

    private static int Bytes(JObject activity) => Encoding.UTF8.GetByteCount(activity.ToString(Formatting.None));

    [Fact]
    public async Task A_case_at_every_limit_fits_in_one_Teams_message_on_the_owners_card_with_what_was_left_off_counted()
    {
        var owner = Guid.NewGuid().ToString();
        await using var app = NewApp("AccountMessages", "100", owner);
        var chat = new HttpChat(app.CreateClient(), owner);
        var now = DateTimeOffset.UtcNow;
        var record = AtEveryLimit(owner, Guid.NewGuid().ToString(), now);
        var store = new BlobCaseStore(app.Services.GetRequiredService<BlobContainers>(), app.Services.GetRequiredService<CaseIndexKey>());
        Assert.True(await store.TryCreateAsync(record, CancellationToken.None));

        var card = Assert.Single(await chat.ExchangeAsync($"case {record.Reference}"));

        Assert.InRange(Bytes(card), 1, 28 * 1024);
        var shown = card.ToString(Formatting.None);
        Assert.Contains("And 90 more in the case file.", shown, StringComparison.Ordinal);
        Assert.Contains("And 40 more in the case file.", shown, StringComparison.Ordinal);
        Assert.Contains("(90 earlier, not shown here; all of them are kept with the case.)", shown, StringComparison.Ordinal);
        Assert.Contains("(40 earlier, not shown here; all of them are kept with the case.)", shown, StringComparison.Ordinal);
        output.WriteLine($"case.json of a case at every limit: {(await new CaseBlobs(azurite, app).RawCaseJsonAsync(record.Reference)).Length:N0} characters; its card: {Bytes(card):N0} bytes");
    }

    [Fact]
    public async Task A_review_card_with_every_answer_at_its_longest_fits_in_one_Teams_message()
    {
        await using var app = NewApp("AccountMessages", "12");
        var chat = new HttpChat(app.CreateClient());

        // The card shows ten lines of an account whatever its length: twelve messages at the longest a
        // message may be are the largest account the card can show.
        await chat.SayAllAsync(["report", .. Enumerable.Range(0, 12).Select(i => Longest($"account {i}"))]);
        await chat.SayAllAsync(Longest("follow-up"), "It happened to me", Longest("when"), "No", "Yes", "Online", Longest("place"), Longest("who"), Longest("witnesses"), Longest("impact"), "skip", Longest("else"), Longest("contact"));
        var review = await chat.ExchangeAsync(Longest("safe times"));

        var card = review.Single(a => a["attachments"] is JArray { Count: > 0 });
        Assert.InRange(Bytes(card), 1, 28 * 1024);
        Assert.Contains("And 2 more in the case file.", card.ToString(Formatting.None), StringComparison.Ordinal);
    }
}
