using IntakeBot.Cases;
using IntakeBot.Responders;

namespace IntakeBot.Workspace;

/// <summary>The tab's JSON API under <c>/api/workspace</c>, every route behind the workspace policy (a
/// valid Entra ID token from an allowed tenant, or 401 before anything is read) and every case checked
/// against the stored case: one the caller does not own is 404, exactly like one that does not exist.</summary>
public static class WorkspaceEndpoints
{
    public const string Prefix = "/api/workspace";

    public static void MapWorkspace(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(Prefix).RequireAuthorization(WorkspaceServiceCollectionExtensions.Policy);

        api.MapGet("/cases", async (HttpContext http, WorkspaceCases cases, ResponderRoster roster, string? status, bool? overdue, bool? safety, bool? needsReply, int? page, CancellationToken ct) =>
            WorkspaceCaller.Of(http.User, roster) is { } caller
                ? Results.Json(await cases.ListAsync(caller, new CaseListFilter(status, overdue, safety, needsReply, page ?? 1), ct).ConfigureAwait(false))
                : Results.Forbid());

        // The reader's language comes from the Teams locale the page passes; English when the catalog has none for it.
        api.MapGet("/cases/{reference}", async (HttpContext http, WorkspaceCases cases, WorkspaceTexts texts, ResponderRoster roster, string reference, string? locale, CancellationToken ct) =>
            WorkspaceCaller.Of(http.User, roster) is { } caller && await cases.ReadAsync(caller, reference, texts.LanguageOf(locale), ct).ConfigureAwait(false) is { } detail
                ? Results.Json(detail)
                : NotFound());

        api.MapGet("/texts", (WorkspaceTexts texts, string? locale) =>
        {
            var language = texts.LanguageOf(locale);
            return Results.Json(new { language, texts = texts.In(language) });
        });

        api.MapGet("/cases/{reference}/evidence/{number:int}", async (HttpContext http, WorkspaceCases cases, ResponderRoster roster, string reference, int number, CancellationToken ct) =>
        {
            if (WorkspaceCaller.Of(http.User, roster) is not { } caller || await cases.OpenEvidenceAsync(caller, reference, number, ct).ConfigureAwait(false) is not { } opened)
            {
                return NotFound();
            }

            // Always a download, never shown in the page's origin: a file a reporter sent can be anything.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(opened.Content, "application/octet-stream", opened.Item.SafeName);
        });

        // Only for Workspace:InsightsRoles; anyone else gets the 404 a route that does not exist gets.
        api.MapGet("/insights", async (HttpContext http, WorkspaceInsights insights, ResponderRoster roster, CancellationToken ct) =>
            WorkspaceCaller.Of(http.User, roster) is { } caller && insights.MayRead(caller)
                ? Results.Json(await insights.CountAsync(ct).ConfigureAwait(false))
                : NotFound());

        api.MapPost("/cases/{reference}/acknowledge", (HttpContext http, WorkspaceActions actions, ResponderRoster roster, string reference, WorkspaceAction action, CancellationToken ct)
            => ActAsync(http, roster, caller => actions.MoveAsync(caller, reference, CaseStatus.Acknowledged, action, ct)));
        api.MapPost("/cases/{reference}/close", (HttpContext http, WorkspaceActions actions, ResponderRoster roster, string reference, WorkspaceAction action, CancellationToken ct)
            => ActAsync(http, roster, caller => actions.MoveAsync(caller, reference, CaseStatus.Closed, action, ct)));
        api.MapPost("/cases/{reference}/note", (HttpContext http, WorkspaceActions actions, ResponderRoster roster, string reference, WorkspaceAction action, CancellationToken ct)
            => ActAsync(http, roster, caller => actions.NoteAsync(caller, reference, action, ct)));
        api.MapPost("/cases/{reference}/message", (HttpContext http, WorkspaceActions actions, ResponderRoster roster, string reference, WorkspaceAction action, CancellationToken ct)
            => ActAsync(http, roster, caller => actions.MessageAsync(caller, reference, action, ct)));
        api.MapPost("/cases/{reference}/summary", (HttpContext http, WorkspaceActions actions, ResponderRoster roster, string reference, WorkspaceAction action, CancellationToken ct)
            => ActAsync(http, roster, caller => actions.SummaryAsync(caller, reference, action, ct)));
        api.MapPost("/cases/{reference}/transfer", (HttpContext http, WorkspaceActions actions, ResponderRoster roster, string reference, WorkspaceAction action, CancellationToken ct)
            => ActAsync(http, roster, caller => actions.TransferAsync(caller, reference, action, ct)));
        api.MapPost("/cases/{reference}/hold", (HttpContext http, WorkspaceActions actions, ResponderRoster roster, string reference, WorkspaceAction action, CancellationToken ct)
            => ActAsync(http, roster, caller => actions.HoldAsync(caller, reference, hold: true, action, ct)));
        api.MapPost("/cases/{reference}/release", (HttpContext http, WorkspaceActions actions, ResponderRoster roster, string reference, WorkspaceAction action, CancellationToken ct)
            => ActAsync(http, roster, caller => actions.HoldAsync(caller, reference, hold: false, action, ct)));
    }

    private static async Task<IResult> ActAsync(HttpContext http, ResponderRoster roster, Func<WorkspaceCaller, Task<ActionOutcome?>> act)
    {
        if (WorkspaceCaller.Of(http.User, roster) is not { } caller || await act(caller).ConfigureAwait(false) is not { } outcome)
        {
            return NotFound();
        }

        return outcome.Outcome == "refused" ? Results.Json(outcome, statusCode: StatusCodes.Status409Conflict) : Results.Json(outcome);
    }

    /// <summary>The one answer for a case that does not exist and one the caller may not see.</summary>
    private static IResult NotFound() => Results.Json(new { error = "not-found" }, statusCode: StatusCodes.Status404NotFound);
}
