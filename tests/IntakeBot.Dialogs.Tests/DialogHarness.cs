using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace IntakeBot.Dialogs.Tests;

/// <summary>Runs a root dialog through Bot Builder's TestAdapter with its stack kept in
/// ConversationState, as a bot would.</summary>
internal sealed class DialogHarness
{
    public DialogHarness(Func<DialogSet, string> addDialogs, IStorage? storage = null)
    {
        Storage = storage ?? new PlainJsonStorage();
        var conversationState = new ConversationState(Storage);
        var dialogs = new DialogSet(conversationState.CreateProperty<DialogState>("dialogState"));
        var root = addDialogs(dialogs);
        Adapter = new TestAdapter(Microsoft.Bot.Connector.Channels.Msteams).Use(new AutoSaveStateMiddleware(conversationState));
        Callback = async (turn, ct) =>
        {
            var dc = await dialogs.CreateContextAsync(turn, ct);
            var result = await dc.ContinueDialogAsync(ct);
            if (result.Status == DialogTurnStatus.Empty)
            {
                result = await dc.BeginDialogAsync(root, null, ct);
            }

            if (result.Status == DialogTurnStatus.Complete)
            {
                LastResult = result.Result;
                await turn.SendActivityAsync($"done: {result.Result}", cancellationToken: ct);
            }
        };
    }

    public IStorage Storage { get; }

    public TestAdapter Adapter { get; }

    public BotCallbackHandler Callback { get; }

    public object? LastResult { get; private set; }

    public TestFlow Flow() => new(Adapter, Callback);
}
