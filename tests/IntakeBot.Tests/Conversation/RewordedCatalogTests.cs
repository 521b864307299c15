using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Conversation;

/// <summary>Rewording (or translating) every choice of the catalog changes no stored meaning: a case
/// submitted before still shows its reporter's no-contact wish first on the owner's card, still needs
/// <c>confirm</c> before an owner's message, and still reads as a bystander's report made while not
/// safe, shown in the new words.</summary>
public sealed class RewordedCatalogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TextCatalog Text = TextCatalog.Load();
    private static readonly string OwnerId = Guid.NewGuid().ToString();

    /// <summary>Every choice a stored answer can hold, in other words.</summary>
    private static readonly TextCatalog Reworded = TextCatalog.Load(new[]
    {
        TextKey.ChoiceHappenedToMe, TextKey.ChoiceSawIt, TextKey.ChoiceYes, TextKey.ChoiceNo, TextKey.ChoiceNotSure,
        TextKey.ChoiceInPerson, TextKey.ChoiceOnline, TextKey.ChoiceBoth, TextKey.ChoiceContactTeams, TextKey.ChoiceContactEmail,
        TextKey.ChoiceNoContact, TextKey.ChoiceAgreed, TextKey.ChoiceNotAgreed, TextKey.ChoiceDontKnow, TextKey.ChoicePrefersNotToSay,
    }.ToDictionary(k => k, k => $"Reworded {k}"));

    [Fact]
    public async Task A_case_submitted_before_the_choices_were_reworded_keeps_its_no_contact_wish_bystander_and_safety()
    {
        var settings = new Dictionary<string, string?> { ["Intake:DefaultOwner"] = OwnerId, ["Intake:Responders:0"] = OwnerId };
        string reference;
        await using (var before = new BotApp(azurite, settings))
        {
            var reporter = new HttpChat(before.CreateClient());
            await reporter.SayAllAsync("report", "He shouted at a colleague in the corridor", "done", "skip", Text[TextKey.ChoiceSawIt], "Yesterday", "Yes", "No", "carry on", "Both");
            reference = await reporter.SubmitReportAsync("skip", "skip", "skip", "skip", "skip", "skip", Text[TextKey.ChoiceNoContact]);
            settings["Storage:CasesContainer"] = before.CasesContainer;
            settings["Storage:StateContainer"] = before.StateContainer;
        }

        await using var after = new BotApp(azurite, settings, services => services.AddSingleton(Reworded));
        var owner = new HttpChat(after.CreateClient(), OwnerId);

        var card = Assert.Single(await owner.ExchangeAsync($"case {reference}"));
        var refused = await owner.SayAsync($"message {reference} Could we talk on Monday?");

        // The safety concern (a "No" to "are you safe right now?") comes first, then the no-contact wish.
        Assert.StartsWith($"**{Reworded[TextKey.TitleSafetyConcern]}**\n\n**{Reworded[TextKey.TitleNoContact]}**", card.Value<string>("text"), StringComparison.Ordinal);
        var shown = card["attachments"]![0]!["content"]!.ToString();
        Assert.Contains($"Reworded {TextKey.ChoiceSawIt}", shown, StringComparison.Ordinal);
        Assert.Contains($"Reworded {TextKey.ChoiceNo}", shown, StringComparison.Ordinal);
        Assert.Contains($"Reworded {TextKey.ChoiceBoth}", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(Text[TextKey.ChoiceSawIt], shown, StringComparison.Ordinal);
        Assert.Equal([Reworded.Format(TextKey.MessageNoContact, reference)], refused);
        var record = await new CaseBlobs(azurite, after).CaseAsync(reference);
        Assert.True(record.Answers.Bystander);
        Assert.Equal(YesNoAnswer.No, record.Answers.SafeNow);
        Assert.Empty(record.Messages);
    }
}
