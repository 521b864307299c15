using IntakeBot.Storage;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>A conversation resumed from a state fixture: its stored state, byte for byte as the bot
/// wrote it then, is put in the app's state container for the person and a new conversation.</summary>
internal static class SavedConversation
{
    public static readonly string Fixtures = Path.Combine(RepoPaths.Root, "tests", "IntakeBot.Tests", "Cases", "Fixtures");

    public static async Task<HttpChat> ResumeAsync(AzuriteFixture azurite, BotApp app, string fixture)
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
