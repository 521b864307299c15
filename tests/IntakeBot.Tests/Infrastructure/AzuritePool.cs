namespace IntakeBot.Tests.Infrastructure;

/// <summary>A few in-memory Azurite processes shared by the test classes of a run. A class leases the
/// least busy one. Azurite's in-memory store scans its whole collection on each lookup, so one process
/// for the whole run grows slow: each process serves a bounded number of classes and is then retired
/// (killed once its last class is done) for a fresh one.</summary>
internal static class AzuritePool
{
    /// <summary>About as many as classes run at once, so that a busy class seldom slows another.</summary>
    private const int Width = 4;

    private const int ClassesPerProcess = 8;

    private static readonly Lock Gate = new();
    private static readonly List<Shared> Open = [];

    public static async Task<Lease> LeaseAsync()
    {
        Shared chosen;
        lock (Gate)
        {
            var serving = Open.Where(s => s.Served < ClassesPerProcess).ToList();
            chosen = serving.Count < Width ? Start() : serving.MinBy(s => s.Leases)!;
            chosen.Leases++;
            chosen.Served++;
        }

        try
        {
            await chosen.Started;
        }
        catch
        {
            Release(chosen);
            throw;
        }

        return new Lease(chosen);
    }

    private static Shared Start()
    {
        var process = new AzuriteProcess(["--inMemoryPersistence"]);
        var shared = new Shared(process, process.StartAsync());
        Open.Add(shared);
        return shared;
    }

    /// <summary>A process is killed when it has served its classes, and every process as soon as no class
    /// holds one: the test host is ended without disposing static state, so a process still open at the end
    /// of the run would outlive it. A class that starts later simply gets a fresh one.</summary>
    private static void Release(Shared shared)
    {
        List<Shared> done;
        lock (Gate)
        {
            shared.Leases--;
            done = Open.Sum(s => s.Leases) == 0
                ? [.. Open]
                : shared.Leases == 0 && (shared.Served >= ClassesPerProcess || shared.Started.IsFaulted) ? [shared] : [];
            Open.RemoveAll(done.Contains);
        }

        foreach (var process in done)
        {
            _ = process.Process.KillAsync();
        }
    }

    internal sealed class Shared(AzuriteProcess process, Task started)
    {
        public AzuriteProcess Process { get; } = process;

        public Task Started { get; } = started;

        public int Leases { get; set; }

        public int Served { get; set; }
    }

    /// <summary>One class's use of a shared process; disposing it hands the process back.</summary>
    public sealed class Lease : IDisposable
    {
        private Shared? _shared;

        internal Lease(Shared shared) => _shared = shared;

        public int Port => (_shared ?? throw new ObjectDisposedException(nameof(Lease))).Process.Port;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _shared, null) is { } shared)
            {
                Release(shared);
            }
        }
    }
}
