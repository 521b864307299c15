using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Sharing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Bot;

/// <summary>The case owner's commands: cases, case, share, revoke, access. Anyone who does not own the
/// named case gets exactly the answer a case that does not exist gets.</summary>
public sealed partial class OwnerCommands(ICaseStore cases, SharingService sharing, TextCatalog text)
{
    private const int LatestAuditEntries = 5;

    /// <summary>Answers the message if it is an owner command; false when it is not one.</summary>
    public async Task<bool> TryHandleAsync(ITurnContext turnContext, string said, string? owner, CancellationToken cancellationToken)
    {
        var actor = turnContext.Activity.From.AadObjectId;
        if (text.IsWord(said, TextKey.ChoiceCases))
        {
            await ReplyAsync(turnContext, await ListAsync(owner, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (CasePattern().Match(said) is { Success: true } show)
        {
            var record = await sharing.OwnedCaseAsync(owner, show.Groups["ref"].Value, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                await sharing.AuditViewAsync(record, actor, cancellationToken).ConfigureAwait(false);
            }

            await turnContext.SendActivityAsync(record is null ? MessageFactory.Text(text[TextKey.OwnerCaseNotFound]) : await CardAsync(record, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (AccessPattern().Match(said) is { Success: true } access)
        {
            var record = await sharing.OwnedCaseAsync(owner, access.Groups["ref"].Value, cancellationToken).ConfigureAwait(false);
            await ReplyAsync(turnContext, record is null ? text[TextKey.OwnerCaseNotFound] : await sharing.AccessAsync(record, actor, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (SharePattern().Match(said) is { Success: true } share)
        {
            await ReplyAsync(turnContext, await ChangeAsync(share, owner, TextKey.ShareUsage, (record, who) => sharing.ShareAsync(record, actor, who, cancellationToken), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (RevokePattern().Match(said) is { Success: true } revoke)
        {
            await ReplyAsync(turnContext, await ChangeAsync(revoke, owner, TextKey.RevokeUsage, (record, who) => sharing.RevokeAsync(record, actor, who, cancellationToken), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    private async Task<string> ChangeAsync(Match command, string? owner, TextKey usage, Func<CaseRecord, string, Task<string>> change, CancellationToken cancellationToken)
    {
        var reference = command.Groups["ref"].Value;
        var who = command.Groups["who"].Value.Trim();
        if (reference.Length == 0 || !command.Groups["word"].Success || who.Length == 0)
        {
            return text[usage];
        }

        var record = await sharing.OwnedCaseAsync(owner, reference, cancellationToken).ConfigureAwait(false);
        return record is null ? text[TextKey.OwnerCaseNotFound] : await change(record, who).ConfigureAwait(false);
    }

    private async Task<string> ListAsync(string? owner, CancellationToken cancellationToken)
    {
        var owned = owner is null ? [] : (await cases.ListAsync(new CaseFilter(Owner: owner), cancellationToken).ConfigureAwait(false))
            .Where(c => c.Status == CaseStatuses.Submitted)
            .OrderByDescending(c => c.SubmittedAt)
            .ToList();
        return owned.Count == 0
            ? text[TextKey.CasesEmpty]
            : text.Format(TextKey.CasesList, string.Join('\n', owned.Select(c => text.Format(TextKey.CasesLine, c.Reference, c.Kind, Date(c.SubmittedAt ?? c.CreatedAt), c.Status, c.Access.Count))));
    }

    /// <summary>The case as a card: its answers and evidence, then who can read it and the latest audit
    /// entries (this view among them). What people typed is shown as plain text.</summary>
    private async Task<Activity> CardAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var flow = record.Kind == CaseKinds.TakenByResponder ? TakeReportDialog.Flow : ReportDialog.Flow;
        var evidence = record.Evidence.Select(e => e with { SafeName = PlainText.Escape(e.SafeName) }).ToList();
        var card = Replies.Card(text, text.Format(TextKey.CaseCardTitle, record.Reference), text.Format(TextKey.CaseCardFacts, record.Kind, record.Status, Date(record.CreatedAt)), flow.Sections, AsPlainText(record.Answers), evidence);
        var audit = await cases.ReadAuditAsync(record.Reference, cancellationToken).ConfigureAwait(false);
        var lines = new List<string>
        {
            record.Access.Count == 0 ? text[TextKey.CaseCardAccessNone] : text.Format(TextKey.CaseCardAccess, string.Join(", ", record.Access.Select(g => PlainText.Escape(g.DisplayName ?? g.Email)))),
        };
        if (record.Additions.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardAdditions, string.Join('\n', record.Additions.Select(a => $"{Date(a.At)}: {PlainText.Escape(a.Text)}"))));
        }

        if (audit.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardAudit, string.Join('\n', audit.TakeLast(LatestAuditEntries).Select(a => PlainText.Escape($"{Date(a.At)} {a.Action} {a.Whom} {a.Result}".Replace("  ", " ", StringComparison.Ordinal))))));
        }

        card.Text = string.Join("\n\n", lines);
        return card;
    }

    /// <summary>A copy of the answers with every string escaped, whatever sections the flows have.</summary>
    private static IntakeAnswers AsPlainText(IntakeAnswers answers)
    {
        var node = JsonSerializer.SerializeToNode(answers)!;
        Escape(node);
        return node.Deserialize<IntakeAnswers>()!;

        static void Escape(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        if (value is JsonValue v && v.TryGetValue<string>(out var s))
                        {
                            o[key] = PlainText.Escape(s);
                        }
                        else if (value is not null)
                        {
                            Escape(value);
                        }
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                        {
                            a[i] = PlainText.Escape(s);
                        }
                        else if (a[i] is { } child)
                        {
                            Escape(child);
                        }
                    }

                    break;
            }
        }
    }

    private static Task ReplyAsync(ITurnContext turnContext, string reply, CancellationToken cancellationToken)
        => turnContext.SendActivityAsync(MessageFactory.Text(reply), cancellationToken);

    private static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^case\s+(?<ref>\S+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CasePattern();

    [GeneratedRegex(@"^access\s+(?<ref>\S+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccessPattern();

    [GeneratedRegex(@"^share(\s+(?<ref>\S+))?(\s+(?<word>with)\b(?<who>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SharePattern();

    [GeneratedRegex(@"^revoke(\s+(?<ref>\S+))?(\s+(?<word>from)\b(?<who>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex RevokePattern();
}
