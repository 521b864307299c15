using IntakeBot.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using IntakeBot.Cases;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>One Teams conversation with the app's real bot through Bot Builder's TestAdapter: the
/// person says something, the test reads every reply of that turn.</summary>
internal sealed class TeamsChat
{
    private readonly BotApp _app;
    private readonly TestAdapter _adapter;

    public TeamsChat(BotApp app, string? aadObjectId = null, string conversationType = "personal", string? conversationId = null)
    {
        _app = app;
        AadObjectId = aadObjectId ?? Guid.NewGuid().ToString();
        var reference = new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = BotApp.NowhereServiceUrl,
            User = new ChannelAccount($"29:{AadObjectId}", "Sam Reporter", aadObjectId: AadObjectId),
            Bot = new ChannelAccount("28:intakebot", "IntakeBot"),
            Conversation = new ConversationAccount(conversationType: conversationType, id: conversationId ?? $"a:{Guid.NewGuid():N}", tenantId: HttpChat.TenantId),
        };
        _adapter = new TestAdapter(reference);
        _adapter.Use(new UniqueActivityIds());
        _adapter.Use(app.Services.GetRequiredService<TurnCommit>());
    }

    public string AadObjectId { get; }

    public string ConversationId => _adapter.Conversation.Conversation.Id;

    /// <summary>Runs one turn and returns the texts of the replies (a card counts by its text).</summary>
    public async Task<IReadOnlyList<string>> SayAsync(string text)
        => [.. (await SendAsync(text)).Select(a => a.Text ?? string.Empty)];

    public async Task<IReadOnlyList<Activity>> SendAsync(string text)
    {
        var bot = _app.Services.GetRequiredService<IBot>();
        await _adapter.SendTextToBotAsync(text, bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<Activity>();
        while (_adapter.GetNextReply() is Activity reply)
        {
            replies.Add(reply);
        }

        return replies;
    }

    /// <summary>Says each line in turn; returns the replies to the last one.</summary>
    public async Task<IReadOnlyList<string>> SayAllAsync(params string[] lines)
    {
        IReadOnlyList<string> last = [];
        foreach (var line in lines)
        {
            last = await SayAsync(line);
        }

        return last;
    }

    /// <summary>TestAdapter numbers activities from 1 in every adapter; Teams gives each its own id, so a
    /// second chat on the same conversation (a restarted bot) must not look like a redelivery.</summary>
    private sealed class UniqueActivityIds : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            turnContext.Activity.Id = Guid.NewGuid().ToString("N");
            return next(cancellationToken);
        }
    }
}
