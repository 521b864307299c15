using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;

namespace IntakeBot.Tests.Cases;

/// <summary>Records and drafts written while choices were kept as their wording (the fixtures are
/// byte for byte what the bot wrote then) read as what the person meant: the no-contact wish, a
/// bystander, not safe, an address given after "Email", a responder's "agreed"; a draft in progress
/// picks up at the same question even though its cursor was a position, and its half-answered choice
/// step still works.</summary>
public sealed class StoredMeaningsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Fixtures = Path.Combine(RepoPaths.Root, "tests", "IntakeBot.Tests", "Cases", "Fixtures");
    private static readonly TextCatalog Text = TextCatalog.Load();

    private static CaseRecord Read(string file)
        => BinaryData.FromBytes(File.ReadAllBytes(Path.Combine(Fixtures, file))).ToObjectFromJson<CaseRecord>(BlobCaseStore.Json)!;

    [Fact]
    public void A_case_stored_with_choice_wording_reads_as_its_meanings()
    {
        var own = Read("case.json").Answers;
        var bystander = Read("case-bystander-with-wording.json").Answers;
        var taken = Read("case-taken-with-wording.json").Answers;

        Assert.True(own.NoContact);
        Assert.Equal(RoleAnswer.HappenedToMe, own.Role);
        Assert.Equal((YesNoAnswer.Yes, YesNoAnswer.Yes, SettingAnswer.InPerson), (own.StillHappening, own.SafeNow, own.SettingChoice));
        Assert.Null(own.Contact);

        Assert.True(bystander.Bystander);
        Assert.True(bystander.NotSafeNow);
        Assert.False(bystander.NoContact);
        Assert.Equal((ContactAnswer.Email, "sam@contoso.com"), (bystander.ContactChoice, bystander.Contact));
        Assert.Equal((WhenAnswer.DontKnow, (string?)null), (bystander.WhenChoice, bystander.When));
        Assert.Equal(SettingAnswer.Both, bystander.SettingChoice);
        Assert.Equal("Floor 3", bystander.Place);

        Assert.Equal((ReportedByAnswer.PrefersNotToSay, ConsentAnswer.Agreed, YesNoAnswer.Yes), (taken.ReportedByChoice, taken.Consent, taken.SafeNow));
        Assert.Equal("Last week", taken.When);
    }

    [Fact]
    public void A_case_read_from_wording_is_written_with_stored_names_and_reads_back_the_same()
    {
        var record = Read("case-bystander-with-wording.json");

        var written = BinaryData.FromObjectAsJson(record, BlobCaseStore.Json).ToString();

        Assert.Contains("\"role\":\"saw-it\"", written, StringComparison.Ordinal);
        Assert.Contains("\"contact\":\"sam@contoso.com\",\"contactChoice\":\"email\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("I saw it happen", written, StringComparison.Ordinal);
        var again = BinaryData.FromString(written).ToObjectFromJson<CaseRecord>(BlobCaseStore.Json)!;
        Assert.Equal(written, BinaryData.FromObjectAsJson(again, BlobCaseStore.Json).ToString());
        Assert.Equal(["Email: sam@contoso.com"], ReporterSections.All.Single(s => s.Id == IntakeSection.ContactId).Shown(again.Answers, Text));
    }

    [Fact]
    public async Task A_paused_draft_saved_with_a_numbered_cursor_and_wording_goes_on_at_the_same_question_and_takes_a_short_answer()
    {
        await using var app = new BotApp(azurite);
        var chat = await ResumedAsync(app, "state-paused-with-wording.json");
        var blobs = new CaseBlobs(azurite, app);

        var back = await chat.SayAsync("hi again");
        Assert.StartsWith("Welcome back", back[0], StringComparison.Ordinal);
        Assert.Equal(Text[TextKey.AskStillHappening], back[^1]);

        var next = await chat.SayAsync("yeah");

        Assert.Equal([Text[TextKey.AskSafeNow]], next);
        var draft = await blobs.DraftAsync();
        Assert.Equal(YesNoAnswer.Yes, draft.Answers.StillHappening);
        Assert.Equal(RoleAnswer.HappenedToMe, draft.Answers.Role);
        Assert.Equal("Friday", draft.Answers.When);
    }

    [Fact]
    public async Task A_draft_saved_while_editing_a_part_takes_the_answer_there_and_submits_with_the_no_contact_wish()
    {
        await using var app = new BotApp(azurite);
        var chat = await ResumedAsync(app, "state-editing-with-wording.json");
        var blobs = new CaseBlobs(azurite, app);

        var review = await chat.SayAsync("Room 4, by the lifts");
        Assert.Contains(review, r => r.StartsWith("Here is your report", StringComparison.Ordinal));
        var draft = await blobs.DraftAsync();
        Assert.Equal("Room 4, by the lifts", draft.Answers.Place);
        Assert.Equal(SettingAnswer.Online, draft.Answers.SettingChoice);

        var reference = Receipt.ReferenceIn(string.Join("\n", await chat.SayAsync("submit")));

        var stored = await blobs.RawCaseJsonAsync(reference);
        Assert.Contains("\"contactChoice\":\"no-contact\"", stored, StringComparison.Ordinal);
        Assert.True((await blobs.CaseAsync(reference)).Answers.NoContact);
    }

    /// <summary>A chat whose conversation state is the fixture, as the bot stored it then, for the
    /// person and conversation it names.</summary>
    private async Task<HttpChat> ResumedAsync(BotApp app, string fixture)
    {
        var client = app.CreateClient();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Fixtures, fixture));
        var person = System.Text.Json.Nodes.JsonNode.Parse(bytes)!["profile"]!["PersonAadObjectId"]!.GetValue<string>();
        var conversation = $"a:{Guid.NewGuid():N}";
        var state = azurite.Client.GetBlobContainerClient(app.StateContainer);
        await state.CreateIfNotExistsAsync();
        await state.GetBlobClient(BlobStateStorage.BlobNameOf($"msteams/conversations/{conversation}")).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        return new HttpChat(client, person, conversationId: conversation);
    }
}
