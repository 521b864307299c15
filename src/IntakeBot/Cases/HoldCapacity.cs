namespace IntakeBot.Cases;

/// <summary>In which capacity a legal hold was put on, as written in the case and its audit log. A hold
/// put on by one of <c>Retention:HoldRoles</c> is released only by one of them, never by the case's owner.</summary>
public static class HoldCapacity
{
    public const string Owner = "owner";
    public const string HoldRole = "hold-role";
}
