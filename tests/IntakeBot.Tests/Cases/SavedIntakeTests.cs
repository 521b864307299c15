using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Cases;

/// <summary>Drafts saved mid-intake by the bot before its intake was split into one dialog per
/// conversation (the fixtures are byte for byte what it wrote then: dialog ids, waterfall steps and
/// section cursors in the stored stack) carry on where they were: at the safety wait, at the contact
/// address and at the review.</summary>
public sealed class SavedIntakeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();

    [Fact]
    public async Task A_draft_saved_at_the_safety_wait_keeps_what_is_written_there_and_carries_on_at_the_next_question()
    {
        await using var app = new BotApp(azurite);
        var chat = await SavedConversation.ResumeAsync(azurite, app, "state-safety-wait.json");
        var blobs = new CaseBlobs(azurite, app);

        var kept = await chat.SayAsync("im hiding in the stairwell, he is still around");
        var carriedOn = await chat.SayAsync("ok i'm ready");

        Assert.Equal([Text.Format(TextKey.SafetyWaitKept, BotApp.UrgentHelp)], kept);
        Assert.Equal([Text[TextKey.AskSetting]], carriedOn);
        var draft = await blobs.DraftAsync();
        Assert.Equal(YesNoAnswer.No, draft.Answers.SafeNow);
        Assert.Equal("im hiding in the stairwell, he is still around", draft.Answers.WhatHappened[^1]);
    }

    [Fact]
    public async Task A_draft_saved_at_the_contact_address_asks_again_for_a_misspelt_one_and_takes_the_next()
    {
        await using var app = new BotApp(azurite);
        var chat = await SavedConversation.ResumeAsync(azurite, app, "state-contact-email.json");
        var blobs = new CaseBlobs(azurite, app);

        var again = await chat.SayAsync("sam at contoso dot com");
        var next = await chat.SayAsync("sam@contoso.com");

        Assert.Equal([Text[TextKey.ContactEmailInvalid]], again);
        Assert.Equal([Text[TextKey.AskSafeTimes]], next);
        var draft = await blobs.DraftAsync();
        Assert.Equal(["Email: sam@contoso.com"], ReporterSections.All.Single(s => s.Id == IntakeSection.ContactId).Shown(draft.Answers, Text));
    }

    [Fact]
    public async Task A_draft_saved_at_the_review_changes_a_part_by_name_and_submits()
    {
        await using var app = new BotApp(azurite);
        var chat = await SavedConversation.ResumeAsync(azurite, app, "state-review.json");
        var blobs = new CaseBlobs(azurite, app);

        var current = await chat.SayAsync("witnesses");
        var review = await chat.SayAsync("nobody else was there");
        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));

        Assert.Contains(current, r => r.Contains("Two colleagues", StringComparison.Ordinal));
        Assert.Equal(Text[TextKey.AskWitnesses], current[^1]);
        Assert.Contains(review, r => r.StartsWith("Here is your report", StringComparison.Ordinal));
        var record = await blobs.CaseAsync(reference);
        Assert.Equal("nobody else was there", record.Answers.Witnesses);
        Assert.Equal(["He shouted at me in the stand-up meeting", "It happened again the next day"], record.Answers.WhatHappened);
    }
}
