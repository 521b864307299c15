using System.Text;
using IntakeBot.Cases;
using IntakeBot.Retention;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Xunit.Abstractions;

namespace IntakeBot.Tests.Cases;

/// <summary>Long texts (answers, additions, notes, thread messages) are kept in blobs of their own under
/// the case, so that <c>case.json</c>, read and written on every change, stays small; everyone who reads
/// the case still gets every word, and deleting the case deletes them.</summary>
[LongRunning]
public sealed class LongTextTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int CaseJsonBound = 256 * 1024;

    /// <summary>The case at every limit of <see cref="CaseLimitsTests"/>, with its notes at the longest and
    /// 50 thread messages at the longest as well.</summary>
    private static CaseRecord AtEveryLimit(string owner, string reporterId)
    {
        var now = DateTimeOffset.UtcNow;
        return CaseLimitsTests.AtEveryLimit(owner, reporterId, now) with
        {
            Notes = [.. Enumerable.Range(0, 50).Select(i => new CaseNote(now, owner, Longest($"note {i}")))],
            Messages = [.. Enumerable.Range(0, 50).Select(i => new CaseMessage(now.AddMinutes(i), CaseMessage.FromOwner, owner, Longest($"message {i}")))],
        };
    }

    private static string Longest(string marker) => CaseLimitsTests.Longest(marker);

    private static BlobCaseStore Store(BotApp app) => new(app.Services.GetRequiredService<BlobContainers>(), app.Services.GetRequiredService<CaseIndexKey>());

    private static async Task<List<string>> TextBlobsAsync(CaseBlobs blobs, string reference)
        => [.. (await blobs.CaseBlobNamesAsync()).Where(n => n.StartsWith($"{reference}/texts/", StringComparison.Ordinal))];

    [Fact]
    public async Task A_case_at_every_limit_keeps_a_small_case_json_and_every_word_is_still_read_back_and_shown()
    {
        var owner = Guid.NewGuid().ToString();
        var reporterId = Guid.NewGuid().ToString();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:DefaultOwner"] = owner, ["Intake:Responders:0"] = owner });
        var record = AtEveryLimit(owner, reporterId);
        Assert.True(await Store(app).TryCreateAsync(record, CancellationToken.None));
        var blobs = new CaseBlobs(azurite, app);

        var raw = await blobs.RawCaseJsonAsync(record.Reference);
        var read = await Store(app).GetAsync(record.Reference, CancellationToken.None);

        Assert.InRange(Encoding.UTF8.GetByteCount(raw), 1, CaseJsonBound);
        Assert.DoesNotContain("addition 99", raw, StringComparison.Ordinal);
        Assert.NotNull(read);
        Assert.Equal(record.Answers.WhatHappened, read.Answers.WhatHappened);
        Assert.Equal(record.Answers.Contact, read.Answers.Contact);
        Assert.Equal(record.Additions.Select(a => a.Text), read.Additions.Select(a => a.Text));
        Assert.Equal(record.Notes.Select(n => n.Text), read.Notes.Select(n => n.Text));
        Assert.Equal(record.Messages.Select(m => m.Text), read.Messages.Select(m => m.Text));
        var texts = await TextBlobsAsync(blobs, record.Reference);
        foreach (var text in texts.Take(3))
        {
            Assert.Equal(Classification.HighlyConfidential, (await blobs.MetadataAsync(text))["classification"]);
        }

        var card = string.Join("\n", (await new HttpChat(app.CreateClient(), owner).ExchangeAsync($"case {record.Reference}")).Select(a => a.ToString(Formatting.None)));

        // The card shows the latest ten of each, each shortened: the first of them is read from its blob.
        Assert.Contains("addition 90 Ünïcödé", card, StringComparison.Ordinal);
        Assert.Contains("note 40 Ünïcödé", card, StringComparison.Ordinal);
        Assert.Contains("message 40 Ünïcödé", card, StringComparison.Ordinal);
        var view = string.Join("\n", await new HttpChat(app.CreateClient(), reporterId).SayAsync($"view {record.Reference}"));
        output.WriteLine(view);
        Assert.Contains("message 49 Ünïcödé", view, StringComparison.Ordinal);
        output.WriteLine($"case.json of a case at every limit: {Encoding.UTF8.GetByteCount(raw):N0} bytes, with {texts.Count} texts in blobs of their own");
    }

    [Fact]
    public async Task Lists_read_no_long_texts_and_the_case_card_still_shows_a_long_text_whole()
    {
        var owner = Guid.NewGuid().ToString();
        var reporterId = Guid.NewGuid().ToString();
        var requests = new StorageRequests();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Intake:DefaultOwner"] = owner, ["Intake:Responders:0"] = owner }, s => requests.Install(azurite, s));
        var full = AtEveryLimit(owner, reporterId);

        // Under the card's cut (600 characters) but over 2 KB in case.json, where each letter is escaped.
        var shown = string.Concat(Enumerable.Repeat("Ünïcödé ", 70)) + "the end";
        var records = Enumerable.Range(0, 3).Select(i => full with
        {
            Reference = CaseReference.NewReference(),
            Answers = new IntakeAnswers { WhatHappened = [shown, .. full.Answers.WhatHappened[..3]] },
            Additions = full.Additions[..3],
            Notes = full.Notes[..3],
            Messages = full.Messages[..3],
        }).ToList();
        foreach (var record in records)
        {
            Assert.True(await Store(app).TryCreateAsync(record, CancellationToken.None));
            Assert.NotEmpty(await TextBlobsAsync(new CaseBlobs(azurite, app), record.Reference));
        }

        var mark = requests.Count;
        var mine = string.Join("\n", await new HttpChat(app.CreateClient(), reporterId).SayAsync("my reports"));
        var owned = string.Join("\n", await new HttpChat(app.CreateClient(), owner).SayAsync("cases"));

        Assert.All(records, r => Assert.Contains(r.Reference, mine, StringComparison.Ordinal));
        Assert.All(records, r => Assert.Contains(r.Reference, owned, StringComparison.Ordinal));
        Assert.DoesNotContain("$text", mine + owned, StringComparison.Ordinal);
        Assert.Empty(requests.Since(mark, "/texts/"));

        var card = string.Join("\n", (await new HttpChat(app.CreateClient(), owner).ExchangeAsync($"case {records[0].Reference}")).Select(a => a.ToString(Formatting.None)));
        Assert.Contains(shown, card, StringComparison.Ordinal);
        Assert.NotEmpty(requests.Since(mark, $"/{records[0].Reference}/texts/"));
    }

    [Fact]
    public async Task Deleting_a_case_leaves_none_of_its_long_texts_behind()
    {
        await using var app = new BotApp(azurite);
        var full = AtEveryLimit(Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var record = full with { Additions = full.Additions[..3], Notes = full.Notes[..3], Messages = full.Messages[..3], Answers = new IntakeAnswers { WhatHappened = full.Answers.WhatHappened[..3] } };
        Assert.True(await Store(app).TryCreateAsync(record, CancellationToken.None));
        var blobs = new CaseBlobs(azurite, app);
        Assert.NotEmpty(await TextBlobsAsync(blobs, record.Reference));

        var outcome = await app.Services.GetRequiredService<CasePurger>().PurgeAsync(record.Reference, DeletedBy.Owner, CancellationToken.None);

        Assert.Equal(PurgeOutcome.Deleted, outcome);
        Assert.DoesNotContain(await blobs.CaseBlobNamesAsync(), n => n.StartsWith($"{record.Reference}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_long_addition_delivered_twice_is_kept_once_in_one_text_blob()
    {
        await using var app = new BotApp(azurite);
        var chat = new HttpChat(app.CreateClient());
        var reference = await chat.SubmitReportAsync();
        await chat.SayAsync($"add to {reference}");
        var addition = Longest("It happened again");
        var activity = chat.Next(addition);

        (await chat.PostAsync(activity)).EnsureSuccessStatusCode();
        (await chat.PostAsync(activity)).EnsureSuccessStatusCode();
        await chat.SayAsync("done");

        var blobs = new CaseBlobs(azurite, app);
        var record = await blobs.CaseAsync(reference);
        Assert.Equal([addition], record.Additions.Select(a => a.Text));
        Assert.Single(await TextBlobsAsync(blobs, reference));
    }
}
