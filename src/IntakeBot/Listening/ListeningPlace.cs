namespace IntakeBot.Listening;

/// <summary>Where in the conversation a message arrives, as far as listening is concerned.</summary>
public enum ListeningPlace
{
    /// <summary>The person speaks for themselves: before any report, in a report, adding to one, replying.</summary>
    OwnWords,

    /// <summary>A responder's notes of what someone else told them: questions, second thoughts and
    /// feelings written there are the other person's, and are notes; only danger is answered.</summary>
    NotesOfSomeoneElse,
}
