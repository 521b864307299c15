namespace IntakeBot.Dialogs;

public enum DialogTurnStatus
{
    Empty,
    Waiting,
    Complete,
    Cancelled,
}

public enum DialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
    NextCalled,
}

public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null);
