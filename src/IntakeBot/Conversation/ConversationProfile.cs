using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation;

/// <summary>What the bot learned about the person in this conversation: whether they are on the
/// responder roster (checked again when the roster changes).</summary>
public sealed record ConversationProfile
{
    /// <summary>The profile's property in the conversation's state.</summary>
    public const string Property = "profile";

    /// <summary>The one person this 1:1 conversation belongs to, from its first message on.</summary>
    public string? PersonAadObjectId { get; set; }

    public string? RosterEntry { get; set; }

    /// <summary>The catalog language the bot writes in here: the first message's locale, or the one
    /// the person chose since (<see cref="LanguageChoice"/>).</summary>
    public string? Language { get; set; }

    /// <summary>The card of languages was shown, and the next message may pick one.</summary>
    public bool ChoosingLanguage { get; set; }

    /// <summary>The languages the person was offered to carry on in, having written in them
    /// (<see cref="Listening.LanguageOffer"/>): each is offered once.</summary>
    public List<string> LanguagesOffered { get; set; } = [];

    /// <summary>The language just offered: the next message may take it or turn it down.</summary>
    public string? LanguageOffered { get; set; }

    public string? RosterVersion { get; set; }

    /// <summary>Ids of the latest activities handled, kept with the state they changed: a channel that
    /// delivers one again (it retries) finds it here and nothing happens twice.</summary>
    public List<string> RecentActivityIds { get; set; } = [];

    /// <summary>A message before any report suggested that someone may not be safe: the report begun
    /// next is flagged as a safety concern. No words are kept here.</summary>
    public bool SafetyConcernBeforeReport { get; set; }

    /// <summary>How many feelings the listener has acknowledged, so that its words vary.</summary>
    public int FeelingsAcknowledged { get; set; }

    /// <summary>A hash of the last message whose replies never reached the person: the same words sent
    /// again are not taken twice (see <see cref="ConversationTurn.SaidAgain"/>).</summary>
    public string? UnseenRepliesTo { get; set; }

    /// <summary>Hashes of the person's last messages whose words were kept and that are long enough to
    /// be told apart, and when: the same words sent again within minutes, by someone told that their
    /// message was not saved by one delivery while another kept it, are recognised (<see cref="ConversationTurn.SaidAgain"/>). Several,
    /// because in a busy conversation (an owner messaging about many cases) other messages come between.
    /// No words are kept here.</summary>
    public List<SaidBefore> RecentlySaid { get; set; } = [];

    /// <summary>The cases submitted in this conversation in the last <see cref="RecentlyKept"/>, newest
    /// last, at most <see cref="RecentLimit"/>: Azure updates its blob tag index asynchronously (a new
    /// case may take minutes to be found under heavy tagging), so the lists read these too, rather than
    /// tell someone who has just submitted that they have no reports. References only, each read and
    /// checked again when listed, so a case deleted meanwhile never shows. Dropped when their time is up
    /// by the next list, or by the background pass for committed work (<see cref="ForgetAt"/>) when the
    /// person does not come back, so that no reference outlives its minutes in the state.</summary>
    public List<RecentSubmission> RecentSubmissions { get; set; } = [];

    /// <summary>When the person last did something other than read or answer a follow-up thread (a
    /// command, a report): only a message written in a thread after this makes their plain messages
    /// replies to it (<see cref="ReplyThreads"/>). Null until their first command.</summary>
    public DateTimeOffset? LeftThreadsAt { get; set; }

    /// <summary>The case whose thread the person opened last (<c>view</c>, <c>reply</c>, <c>case</c>,
    /// <c>message</c>): their plain messages go to it until they do something else. A reference only.</summary>
    public string? ThreadReference { get; set; }

    /// <summary>Longer than Azure's index takes to catch up, even under the start-up tagging pass.</summary>
    public static readonly TimeSpan RecentlyKept = TimeSpan.FromMinutes(15);

    public const int RecentLimit = 5;

    /// <summary>Records a case submitted now; committed with the turn that submits it.</summary>
    public void Submitted(string reference, DateTimeOffset now)
    {
        RecentSubmissions.RemoveAll(r => r.Reference == reference || !IsKept(r, now));
        RecentSubmissions.Add(new RecentSubmission(reference, now));
        if (RecentSubmissions.Count > RecentLimit)
        {
            RecentSubmissions.RemoveRange(0, RecentSubmissions.Count - RecentLimit);
        }
    }

    /// <summary>The references submitted within <see cref="RecentlyKept"/> of <paramref name="now"/>;
    /// older ones are dropped from the state here.</summary>
    public IReadOnlyList<string> RecentlySubmitted(DateTimeOffset now)
    {
        RecentSubmissions.RemoveAll(r => !IsKept(r, now));
        return [.. RecentSubmissions.Select(r => r.Reference)];
    }

    /// <summary>The profile in a conversation's state as stored; null when it has none.</summary>
    public static ConversationProfile? Of(JObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state[Property] is JObject profile ? profile.ToObject<ConversationProfile>() : null;
    }

    /// <summary>When the first recent submission in a stored state is to be forgotten; null when it
    /// holds none (for the state's <see cref="CommittedWork.SinceTag"/>).</summary>
    public static DateTimeOffset? ForgetAt(JObject state)
        => Recent(state)?.Select(r => (DateTimeOffset?)(r.At + RecentlyKept)).Min();

    /// <summary>Drops the recent submissions whose time is up from a stored state; true when it dropped any.</summary>
    public static bool ForgetExpired(JObject state, DateTimeOffset now)
    {
        if (Recent(state) is not { } recent || state[Property] is not JObject profile)
        {
            return false;
        }

        var kept = recent.Where(r => IsKept(r, now)).ToList();
        if (kept.Count == recent.Count)
        {
            return false;
        }

        profile[nameof(RecentSubmissions)] = JArray.FromObject(kept);
        return true;
    }

    private static bool IsKept(RecentSubmission submission, DateTimeOffset now) => submission.At > now - RecentlyKept;

    private static List<RecentSubmission>? Recent(JObject state)
        => state[Property]?[nameof(RecentSubmissions)] is JArray { Count: > 0 } list ? list.ToObject<List<RecentSubmission>>() : null;
}
