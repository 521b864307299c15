using IntakeBot.Bench;

// Run by hand (see docs/performance.md): dotnet run --project bench/IntakeBot.Bench.Embed -c Release
for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
{
    if (File.Exists(Path.Combine(dir.FullName, "IntakeBot.sln")))
    {
        EmbedBenchmark.Run(dir.FullName);
        return 0;
    }
}

Console.Error.WriteLine("Run the benchmark from inside the repository.");
return 2;
