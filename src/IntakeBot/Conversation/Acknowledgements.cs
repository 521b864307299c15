using IntakeBot.Text;

namespace IntakeBot.Conversation;

/// <summary>What the bot says after each message of an account: the first explains how to finish,
/// the later ones vary so that the person does not read the same line after every message, and all
/// stay neutral about what was said.</summary>
public static class Acknowledgements
{
    private static readonly TextKey[] Later = [TextKey.AccountNotedAgain1, TextKey.AccountNotedAgain2, TextKey.AccountNotedAgain3];

    /// <param name="messagesSoFar">How many messages the account has, counting the one just received.</param>
    public static string ForAccountMessage(TextCatalog text, int messagesSoFar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesSoFar, 1);
        return messagesSoFar == 1 ? text[TextKey.AccountNoted] : text[Later[(messagesSoFar - 2) % Later.Length]];
    }
}
