namespace IntakeBot.Tests.Infrastructure;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntakeBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run below the repository (IntakeBot.sln not found).");
    }
}
