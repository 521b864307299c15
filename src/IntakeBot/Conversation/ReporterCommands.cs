using System.Globalization;
using IntakeBot.Cases;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation;

/// <summary>What a reporter can ask outside an intake: their own submitted reports, and which of them
/// they may add to.</summary>
public sealed class ReporterCommands(ICaseStore cases, TextCatalog text)
{
    /// <summary>The reference of the person's own open case; null for anything else (another person's
    /// case, no such case, not a reference at all), so that every refusal reads the same.</summary>
    public async Task<string?> OwnOpenCaseAsync(ITurnContext turnContext, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var normalized = reference.Trim().ToUpperInvariant();
        var record = CaseReference.IsValid(normalized) ? await cases.GetAsync(normalized, cancellationToken).ConfigureAwait(false) : null;
        return record is { Reporter: { } reporter } && CaseStatuses.IsOpen(record.Status) && reporter.AadObjectId == turnContext.Activity.From.AadObjectId
            ? record.Reference
            : null;
    }

    public async Task ShowMyReportsAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var mine = (await cases.ListAsync(new CaseFilter(ReporterAadObjectId: turnContext.Activity.From.AadObjectId), cancellationToken).ConfigureAwait(false))
            .Where(c => CaseStatuses.IsSubmitted(c.Status))
            .OrderByDescending(c => c.SubmittedAt)
            .ToList();
        if (mine.Count == 0)
        {
            await turnContext.SendActivityAsync(Replies.WithChoices(text[TextKey.MyReportsEmpty], text[TextKey.ChoiceReport]), cancellationToken).ConfigureAwait(false);
            return;
        }

        var lines = mine.Select(c => text.Format(TextKey.MyReportsLine, c.Reference, (c.SubmittedAt ?? c.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ReporterStatus(c.Status)));
        await turnContext.SendActivityAsync(
            Replies.WithChoices(text.Format(TextKey.MyReportsHeader, string.Join('\n', lines)), mine.Take(3).Select(c => text.Format(TextKey.ChoiceAddTo, c.Reference))),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A status as the reporter reads it: whether someone has it, not what anyone decided.</summary>
    private string ReporterStatus(string status) => text[status switch
    {
        CaseStatuses.Closed => TextKey.MyReportsStatusClosed,
        CaseStatuses.Acknowledged or CaseStatuses.InReview => TextKey.MyReportsStatusBeingLookedAt,
        _ => TextKey.MyReportsStatusReceived,
    }];
}
