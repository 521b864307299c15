namespace IntakeBot.Retention;

/// <summary>The shared folders of case files in the drive, as retention needs them.</summary>
public interface ICaseFolders
{
    /// <summary>Removes every permission on the folder, then the folder itself, for good (not to the
    /// recycle bin). False when the folder was already gone.</summary>
    Task<bool> RemoveAsync(string folderId, CancellationToken cancellationToken);
}
