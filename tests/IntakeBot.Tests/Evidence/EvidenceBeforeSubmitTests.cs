using IntakeBot.Conversation.Cards;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Evidence;

/// <summary>Evidence before the report is submitted, over HTTP: the ways people say they have nothing
/// (more) to give end the evidence step and are never kept as pasted evidence; at the review a piece
/// can be taken out by typing "remove" and its number or with its Remove button, and it is not in the
/// submitted case nor left in storage.</summary>
public sealed class EvidenceBeforeSubmitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private BotApp _app = null!;
    private CaseBlobs _blobs = null!;

    public Task InitializeAsync()
    {
        _app = new BotApp(azurite);
        _blobs = new CaseBlobs(azurite, _app);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private async Task<HttpChat> AtEvidenceStepAsync()
    {
        var chat = new HttpChat(_app.CreateClient());
        var upToReview = Intake.UpToReview();
        var replies = await chat.SayAllAsync(upToReview[..Array.IndexOf(upToReview, "skip")]);
        Assert.StartsWith("Do you have anything that shows what happened", replies[^1], StringComparison.Ordinal);
        return chat;
    }

    /// <summary>At the review with two pasted messages as evidence.</summary>
    private async Task<HttpChat> AtReviewWithTwoPastedAsync()
    {
        var chat = await AtEvidenceStepAsync();
        await chat.SayAllAsync("[09:14] Alex: nobody will believe you anyway", "[09:20] Alex: see you at the offsite", "done");
        var upToReview = Intake.UpToReview();
        var review = await chat.SayAllAsync(upToReview[(Array.IndexOf(upToReview, "skip") + 1)..]);
        Assert.StartsWith("Here is your report", review[^1], StringComparison.Ordinal);
        Assert.Equal(2, (await _blobs.DraftAsync()).Evidence.Count);
        return chat;
    }

    private async Task<List<string>> EvidenceBlobsAsync()
        => [.. (await _blobs.CaseBlobNamesAsync()).Where(n => n.Contains("/evidence/", StringComparison.Ordinal))];

    [Theory]
    [InlineData("nope that's all")]
    [InlineData("No, that's everything.")]
    [InlineData("I already pasted it")]
    [InlineData("i pasted it above")]
    [InlineData("thats everything thanks")]
    [InlineData("nah i already sent it")]
    [InlineData("nope thats all")]
    [InlineData("thats it")]
    public async Task Saying_there_is_nothing_more_ends_the_evidence_step_and_keeps_nothing(string typed)
    {
        var chat = await AtEvidenceStepAsync();

        var next = await chat.SayAsync(typed);

        Assert.Equal([Text[TextKey.AskAnythingElse]], next);
        Assert.Empty((await _blobs.DraftAsync()).Evidence);
        Assert.Empty(await EvidenceBlobsAsync());
    }

    [Fact]
    public async Task After_pasted_text_nope_thats_all_ends_the_step_with_only_the_pasted_text()
    {
        var chat = await AtEvidenceStepAsync();

        var saved = await chat.SayAsync("[09:14] Alex: nobody will believe you anyway");
        var next = await chat.SayAsync("nope that's all");

        Assert.StartsWith("Saved the text you pasted", saved[0], StringComparison.Ordinal);
        Assert.Equal([Text[TextKey.AskAnythingElse]], next);
        Assert.Single((await _blobs.DraftAsync()).Evidence);
    }

    [Theory]
    [InlineData("remove 1")]
    [InlineData("Remove #1 please")]
    [InlineData("remove item 1.")]
    public async Task Remove_and_a_number_takes_that_piece_out_and_it_is_neither_in_the_case_nor_in_storage(string typed)
    {
        var chat = await AtReviewWithTwoPastedAsync();
        var first = (await _blobs.DraftAsync()).Evidence[0];

        var removed = await chat.ShownAsync(typed);

        Assert.Equal(Text.Format(TextKey.EvidenceRemoved, "pasted-text.txt"), removed[0]);
        Assert.StartsWith("Here is your report", removed[^1], StringComparison.Ordinal);
        Assert.Contains("1. pasted-text.txt", removed[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("2. pasted-text.txt", removed[^1], StringComparison.Ordinal);
        var kept = Assert.Single((await _blobs.DraftAsync()).Evidence);
        Assert.Equal(1, kept.Number);
        Assert.NotEqual(first.BlobName, kept.BlobName);

        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));
        Assert.Equal([kept.BlobName], (await _blobs.CaseAsync(reference)).Evidence.Select(e => e.BlobName));
        await Eventually.UntilAsync(async () => !(await EvidenceBlobsAsync()).Contains(first.BlobName));
        Assert.Contains(kept.BlobName, await EvidenceBlobsAsync());
    }

    [Fact]
    public async Task The_remove_button_beside_a_piece_on_the_review_card_takes_it_out()
    {
        var chat = await AtReviewWithTwoPastedAsync();
        var second = (await _blobs.DraftAsync()).Evidence[1];

        var replies = await chat.ExchangeAsync(null, new JObject { [CardSubmission.ChoiceField] = ReviewCard.RemoveChoice, [CardSubmission.PartField] = second.BlobName });

        Assert.Equal(Text.Format(TextKey.EvidenceRemoved, "pasted-text.txt"), (string?)replies[0]["text"]);
        Assert.DoesNotContain((await _blobs.DraftAsync()).Evidence, e => e.BlobName == second.BlobName);
    }

    [Fact]
    public async Task A_number_that_is_not_a_piece_is_said_so_and_nothing_is_taken_out()
    {
        var chat = await AtReviewWithTwoPastedAsync();

        var replies = await chat.SayAsync("remove 5");

        Assert.Equal(Text.Format(TextKey.EvidenceNoSuchItem, "5"), replies[0]);
        Assert.Equal(2, (await _blobs.DraftAsync()).Evidence.Count);
    }
}
