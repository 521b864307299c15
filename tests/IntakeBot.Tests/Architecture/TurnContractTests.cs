using System.Text.RegularExpressions;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Architecture;

/// <summary>What a turn decided is one type (<c>Conversation/ConversationTurn</c>), reached through its
/// one accessor: no other code keeps the turn's contract in the Bot Framework's per-turn state under a
/// string key or a type of its own, where a reader cannot find who writes it and who reads it.</summary>
public sealed partial class TurnContractTests
{
    private static readonly string Source = Path.Combine(RepoPaths.Root, "src", "IntakeBot");

    /// <summary>Besides the turn itself: the marker that a proactive turn begins with, set by the code
    /// that starts one (below or beside Conversation, so it cannot reach the turn), and the Bot
    /// Framework's own connector client.</summary>
    private static readonly string[] Allowed =
    [
        "Conversation/ConversationTurn.cs",
        "Responders/OwnerNotifier.cs",
        "Capture/MessageCapture.cs",
        "Evidence/AdapterConnectorTokenProvider.cs",
    ];

    [Fact]
    public void Only_the_conversation_turn_keeps_what_a_turn_decided_in_the_turns_state()
    {
        var touching = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => TurnState().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Source, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        Assert.Contains("Conversation/ConversationTurn.cs", touching);
        Assert.Empty(touching.Except(Allowed, StringComparer.Ordinal));
    }

    [GeneratedRegex(@"\.TurnState\b")]
    private static partial Regex TurnState();
}
