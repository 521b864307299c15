namespace IntakeBot.Dialogs;

/// <summary>The persisted dialog stack of one conversation; the top of the stack is the first entry.</summary>
public sealed class DialogState
{
    public List<DialogInstance> DialogStack { get; set; } = [];
}
