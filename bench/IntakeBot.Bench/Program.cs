using System.Globalization;
using IntakeBot.Bench;

// Benchmarks measure; they are run by hand (see docs/performance.md) and only built in CI.
var repoRoot = FindRepoRoot();
switch (args.FirstOrDefault())
{
    case "evidence":
        var megabytes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        await EvidenceBenchmark.RunAsync(repoRoot, megabytes * 1024L * 1024, rounds: 3);
        break;
    case "load":
        var conversations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var processes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        await LoadBenchmark.RunAsync(repoRoot, conversations, processes);
        break;
    case "scale":
        var largest = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
        await ScaleBenchmark.RunAsync(repoRoot, largest, rounds: 30);
        break;
    case "soak":
        var people = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 150;
        return await SoakBenchmark.RunAsync(repoRoot, people, TimeSpan.FromSeconds(seconds));
    case "workspace":
        var total = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        await WorkspaceBenchmark.RunAsync(repoRoot, total, rounds: 30);
        break;
    case "listen":
        ListenBenchmark.Run(repoRoot, args.Length > 1 ? args[1] : null);
        break;
    case "detect":
        DetectBenchmark.Run(repoRoot, args.Length > 1 ? args[1] : null);
        break;
    default:
        Console.Error.WriteLine("usage: dotnet run --project bench/IntakeBot.Bench -c Release -- evidence [megabytes] | load [conversations] [processes] | scale [cases] | workspace [cases] | soak [people] [seconds] | listen [misses] | detect [misses]");
        Console.Error.WriteLine($"scale and workspace run on a local Azurite, or on the storage account whose connection string is in {ScaleBenchmark.StorageVariable}.");
        return 2;
}

return 0;

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "IntakeBot.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmark from inside the repository.");
}
