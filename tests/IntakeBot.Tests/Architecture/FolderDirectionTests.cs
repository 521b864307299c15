using System.Text.RegularExpressions;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Architecture;

/// <summary>The app's folders depend one way: Bot → {Listening, Capture} → Conversation → {Evidence, Sharing,
/// Responders, Retention, Lifecycle} → Cases → Storage, with Text and Telemetry leaves that everything
/// may use. A folder
/// that reaches up (or sideways where no arrow is) makes the next change touch everything at once.</summary>
public sealed partial class FolderDirectionTests
{
    /// <summary>What each folder may use besides itself. Health answers the hosting's probes and sits
    /// beside Bot. Among the middle folders, Retention removes shared case folders (→ Sharing),
    /// Sharing uploads evidence files (→ Evidence), and Lifecycle (deadlines, reminders, transfer)
    /// reminds through the outbox (→ Responders), checks a new owner through Graph (→ Sharing) and
    /// keeps the retention periods' shape (→ Retention); nothing points back. Workspace (the owner's tab
    /// and its API) sits on top, beside Bot, whose tenant list it shares.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Text"] = [],
        ["Telemetry"] = [],
        ["Storage"] = ["Telemetry", "Text"],
        ["Cases"] = ["Storage", "Telemetry", "Text"],
        ["Evidence"] = ["Cases", "Storage", "Telemetry", "Text"],
        ["Sharing"] = ["Evidence", "Cases", "Storage", "Telemetry", "Text"],
        ["Retention"] = ["Sharing", "Cases", "Storage", "Telemetry", "Text"],
        ["Responders"] = ["Cases", "Storage", "Telemetry", "Text"],
        ["Lifecycle"] = ["Sharing", "Responders", "Retention", "Cases", "Storage", "Telemetry", "Text"],
        ["Conversation"] = ["Evidence", "Sharing", "Responders", "Retention", "Lifecycle", "Cases", "Storage", "Telemetry", "Text"],
        ["Capture"] = ["Conversation", "Evidence", "Sharing", "Responders", "Retention", "Lifecycle", "Cases", "Storage", "Telemetry", "Text"],
        ["Health"] = ["Sharing", "Storage", "Cases", "Telemetry", "Text"],
        ["Listening"] = ["Conversation", "Evidence", "Sharing", "Responders", "Retention", "Lifecycle", "Cases", "Storage", "Telemetry", "Text"],
        ["Bot"] = ["Listening", "Capture", "Conversation", "Evidence", "Sharing", "Responders", "Retention", "Lifecycle", "Cases", "Storage", "Telemetry", "Text"],
        ["Workspace"] = ["Bot", "Conversation", "Evidence", "Sharing", "Responders", "Retention", "Lifecycle", "Cases", "Storage", "Telemetry", "Text"],
    };

    private static readonly string Source = Path.Combine(RepoPaths.Root, "src", "IntakeBot");

    [Fact]
    public void Every_folder_of_the_app_has_a_place_in_the_direction()
    {
        var folders = Directory.GetDirectories(Source).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "Properties" or "wwwroot")).Order(StringComparer.Ordinal);

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void No_folder_uses_a_folder_above_it_or_beside_it_without_an_arrow()
    {
        var typesByFolder = Allowed.Keys.ToDictionary(f => f, f => DeclaredTypes(f), StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var folder in Allowed.Keys)
        {
            foreach (var file in SourceFiles(folder))
            {
                var code = CommentLine().Replace(File.ReadAllText(file), string.Empty);
                var used = QualifiedName().Matches(code).Select(m => m.Groups["folder"].Value)
                    .Concat(RelativeName().Matches(code)
                        .Where(m => typesByFolder.TryGetValue(m.Groups["folder"].Value, out var types) && types.Contains(m.Groups["type"].Value))
                        .Select(m => m.Groups["folder"].Value));
                wrong.AddRange(used.Distinct(StringComparer.Ordinal)
                    .Where(other => other != folder && Allowed.ContainsKey(other) && !Allowed[folder].Contains(other))
                    .Select(other => $"{Path.GetRelativePath(Source, file)} uses {other}"));
            }
        }

        Assert.Empty(wrong);
    }

    private static IEnumerable<string> SourceFiles(string folder)
        => Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories);

    private static HashSet<string> DeclaredTypes(string folder)
        => [.. SourceFiles(folder).SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))];

    /// <summary><c>using IntakeBot.Cases;</c>, <c>IntakeBot.Cases.CaseRecord</c>, <c>using static IntakeBot.Cases.X</c>.</summary>
    [GeneratedRegex(@"\bIntakeBot\.(?<folder>[A-Z]\w*)")]
    private static partial Regex QualifiedName();

    /// <summary><c>Telemetry.IntakeMetrics</c> written inside another <c>IntakeBot.*</c> namespace.</summary>
    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
    private static partial Regex RelativeName();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*//.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();
}
