namespace IntakeBot.Retention;

/// <summary>How many blobs, and how many previous versions of blobs, a purge deleted.</summary>
public readonly record struct PurgeCount(int Blobs, int Versions)
{
    public static PurgeCount operator +(PurgeCount left, PurgeCount right) => new(left.Blobs + right.Blobs, left.Versions + right.Versions);

    public static PurgeCount Add(PurgeCount left, PurgeCount right) => left + right;
}
