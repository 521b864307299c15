namespace IntakeBot.Listening;

/// <summary>What a person's message means beyond its words, as the listener reads it. The order is
/// the order of precedence: a message that reads as several is taken as the first of them.</summary>
public enum Meaning
{
    /// <summary>Content for the step the person is at (an account, an answer, a reply).</summary>
    Ordinary,

    /// <summary>Thoughts of self-harm or suicide.</summary>
    SelfHarm,

    /// <summary>Immediate danger, to the person or to someone else.</summary>
    Danger,

    /// <summary>A threat made against the person or someone else ("he knows where I live").</summary>
    Threat,

    /// <summary>One strong sign of danger or self-harm without the others that would make it sure ("he
    /// was in the car park again", "I gave my cat to my sister"): a short safety check with the
    /// urgent-help contact is offered, and the message is the step's as usual.</summary>
    PossibleDanger,

    /// <summary>The person no longer wants to go on with the report ("forget it", "delete this").</summary>
    SecondThoughts,

    /// <summary>A question about the process (who sees it, what happens next).</summary>
    Question,

    /// <summary>How the person feels (scared, humiliated, exhausted, angry).</summary>
    Feeling,
}
