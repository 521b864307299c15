using IntakeBot.Cases;
using IntakeBot.Responders;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>What one turn decided, in one place, from its first middleware to the end of its commit:
/// its transcript (what came in, the replies it holds until the commit), the case it submitted, its
/// changes to submitted cases, the draft it discarded, the messages it decided for other people, and
/// what the commit needs to know about the turn itself. The turn's code writes here;
/// <see cref="ConversationCommit"/> puts it into the state before the commit and applies it after.
/// Reached through <see cref="Of"/>, the turn's one entry in the Bot Framework's per-turn state.</summary>
public sealed class ConversationTurn
{
    private readonly ITurnContext _context;
    private readonly List<Activity> _held = [];
    private readonly List<OwnerNotification> _notifications = [];
    private readonly List<PendingChange> _changes = [];

    private ConversationTurn(ITurnContext context) => _context = context;

    /// <summary>The activities of the turn, in and out, until the turn decides which case they belong to.</summary>
    public TurnTranscript Transcript { get; } = new();

    /// <summary>The replies decided in this turn, held until its commit.</summary>
    public IReadOnlyList<Activity> Held => _held;

    /// <summary>The case this turn submitted (also in the state, committed with the turn).</summary>
    public PendingCase? Submitted { get; private set; }

    /// <summary>The changes to submitted cases this turn decided, in order.</summary>
    public IReadOnlyList<PendingChange> Changes => _changes;

    /// <summary>The draft this turn discarded: its blobs go after the commit.</summary>
    public DiscardedDraft? Discarded { get; private set; }

    /// <summary>The messages for other people this turn decided, sent through the outbox after its commit.</summary>
    public IReadOnlyList<OwnerNotification> Notifications => _notifications;

    /// <summary>After the commit failed, the newest committed state was read into the turn (to tell a
    /// redelivery): recording the error reply then needs no second read.</summary>
    public bool StateReloaded { get; set; }

    /// <summary>The state read by this run already held this activity: another delivery of it committed
    /// (perhaps while an earlier run of this one was losing to it), and what it decided is its own.</summary>
    public bool DeliveredBefore { get; set; }

    /// <summary>The turn's language when it ended, for the error reply sent after it.</summary>
    public string? EndedInLanguage { get; set; }

    /// <summary>Replies sent in the language they are written in rather than the reader's: an offer to
    /// carry on in the language the person wrote in is made in that language.</summary>
    public HashSet<IActivity> AsWritten { get; } = [];

    /// <summary>The other language this turn's message was noticed to be written in, to be offered once
    /// the turn's other replies are decided (<c>Listening/LanguageOffer</c>).</summary>
    public string? WrittenInOtherLanguage { get; set; }

    /// <summary>The listener read this turn's message as saying that something happened again ("hes
    /// doing it again"): where it would start a new report, a reporter with closed cases is offered a
    /// follow-on to one of them instead (<see cref="FollowOnOfferDialog"/>).</summary>
    public bool SaysItHappenedAgain { get; set; }

    /// <summary>The turn read the conversation's state, so its commit writes it: only such a turn has
    /// work to put into the state, an activity id to check a commit by, and work to apply after it.</summary>
    public bool ReadState => _context.TurnState.ContainsKey(nameof(ConversationState));

    /// <summary>A turn nobody typed (a message sent for the outbox, a kept message put into a chat): its
    /// failures go back to whoever started it, never to the person as an error reply.</summary>
    public bool Proactive => _context.TurnState.ContainsKey(OwnerNotifier.ProactiveTurn);

    /// <summary>The key of the conversation's state (as <see cref="ConversationState"/> names it).</summary>
    public string StateKey => $"{_context.Activity.ChannelId}/conversations/{_context.Activity.Conversation?.Id}";

    /// <summary>The turn of <paramref name="turnContext"/>; begun by the commit middleware with the
    /// incoming activity as its first line, or bare when a turn runs without it.</summary>
    public static ConversationTurn Of(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<ConversationTurn>() is not { } turn)
        {
            turn = new ConversationTurn(turnContext);
            turnContext.TurnState.Add(turn);
        }

        return turn;
    }

    /// <summary>Begins the turn: what came in is its transcript's first line.</summary>
    public static ConversationTurn Begin(ITurnContext turnContext, DateTimeOffset now)
    {
        var turn = Of(turnContext);
        turn.Transcript.Add(TranscriptDirection.In, turnContext.Activity, now);
        return turn;
    }

    /// <summary>Begins the turn again from what came in, forgetting everything an earlier run of it
    /// decided: that run's commit met a newer state, and the turn runs again on it.</summary>
    public static ConversationTurn Restart(ITurnContext turnContext, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Set(new ConversationTurn(turnContext));
        return Begin(turnContext, now);
    }

    /// <summary>Holds a reply the turn decided until its commit; it is in the transcript from now on.</summary>
    public void Hold(Activity reply, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _held.Add(reply);
        Transcript.Add(TranscriptDirection.Out, reply, now);
    }

    public void Submit(PendingCase submitted) => Submitted = submitted;

    public void Decide(PendingChange change) => _changes.Add(change);

    public void Discard(DiscardedDraft discarded) => Discarded = discarded;

    /// <summary>Decides a message for an owner, sent after the turn's commit. The sender's conversation is
    /// kept with it to reach them later, unless <paramref name="keepSender"/> is false: a confidential case
    /// reaches its reporter through the conversation sealed in it.</summary>
    public void Notify(string owner, TextKey message, string caseReference, bool keepSender = true, DateTimeOffset? due = null, string? followsOn = null)
    {
        var sender = keepSender && _context.Activity.Conversation?.ConversationType == "personal" && _context.Activity.From?.AadObjectId is not null
            ? _context.Activity.GetConversationReference()
            : null;
        if (sender is not null)
        {
            // Kept with the reporter's language: what they are told later is in it.
            sender.Locale = ReaderLanguage.Current;
        }

        _notifications.Add(new OwnerNotification(owner, message, caseReference, NotificationRecipient.Owner, sender, due, followsOn));
    }

    /// <summary>Decides a message for the reporter of a case (by AAD object id), sent after the turn's
    /// commit to the conversation stored when they submitted.</summary>
    public void NotifyReporter(string reporterAadObjectId, TextKey message, string caseReference, DateTimeOffset? due = null)
        => _notifications.Add(new OwnerNotification(reporterAadObjectId, message, caseReference, NotificationRecipient.Reporter, Due: due));

    /// <summary>How long a message sent again word for word is taken for the same message.</summary>
    public static readonly TimeSpan SaidAgainWithin = TimeSpan.FromMinutes(10);

    /// <summary>How many of the person's messages are remembered, by hash, to be recognised if sent again.</summary>
    private const int RememberedSaid = 8;

    /// <summary>True (once) when this message was sent before and is sent again: its replies never
    /// reached the person, or it repeats word for word, within <see cref="SaidAgainWithin"/>, one of
    /// their last messages that was kept (<see cref="RememberKept"/>). The second happens when one
    /// delivery of a message kept it while another could not reach storage and said it was not saved (a
    /// channel delivers again when an answer is slow): the person sends it again, and without this it
    /// would be taken as the answer to the next question, or a second message to an owner. Only once,
    /// so that the same words sent a third time are taken.</summary>
    public bool SaidAgain(ConversationProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var fingerprint = Fingerprint;
        var unseen = profile.UnseenRepliesTo == fingerprint;
        profile.UnseenRepliesTo = null;
        profile.RecentlySaid.RemoveAll(s => now - s.At > SaidAgainWithin);
        var repeated = Distinctive && profile.RecentlySaid.RemoveAll(s => s.Fingerprint == fingerprint) > 0;
        return unseen || repeated;
    }

    /// <summary>Remembers this message, by hash, as one whose words were kept (an answer, or a change to a
    /// case), so that the same words sent again are recognised (<see cref="SaidAgain"/>). A message that
    /// kept nothing (a refusal, a case not found, a share Graph could not make) is not remembered: sending
    /// it again is trying again. Nor is one short enough to be an answer people give twice in a row ("no",
    /// "skip", "I don't know"): three words and 16 characters at least.</summary>
    public void RememberKept(ConversationProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (Distinctive)
        {
            profile.RecentlySaid = [.. profile.RecentlySaid.TakeLast(RememberedSaid - 1), new SaidBefore(Fingerprint, now)];
        }
    }

    /// <summary>Long enough not to be an answer people give twice in a row (<see cref="RememberKept"/>).</summary>
    public bool Distinctive
        => _context.Activity.AsMessageActivity()?.Text?.Trim() is { Length: >= 16 } text
            && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3;

    /// <summary>A hash of what the person said in this turn (<see cref="ConversationProfile.RecentlySaid"/>).</summary>
    public string Fingerprint
    {
        get
        {
            var message = _context.Activity.AsMessageActivity();
            var said = message?.Text is { Length: > 0 } text ? text.Trim() : message?.Value?.ToString() ?? string.Empty;
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(said)));
        }
    }
}
