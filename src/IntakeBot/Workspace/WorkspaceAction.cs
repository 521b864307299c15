namespace IntakeBot.Workspace;

/// <summary>An owner's action from the tab. <paramref name="RequestId"/> (a GUID the page makes once per
/// click) names the change, so that a retried request changes the case, and tells the reporter, once.
/// <paramref name="Confirm"/> sends a message to a reporter who asked not to be contacted. <paramref name="Version"/>
/// is the case's <see cref="CaseDetail.Version"/> the page showed: the action is refused with <c>reload</c>
/// when the case changed since (none: not checked).</summary>
public sealed record WorkspaceAction(Guid RequestId, string? Text = null, bool Confirm = false, string? Version = null);
