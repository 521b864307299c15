using System.Diagnostics;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Waits, polling, for what a turn leaves to the background (notifications, the outbox, applied
/// changes). Generous, because the suite runs many classes at once on a loaded two-core machine; the limit
/// only matters when the test is failing anyway.</summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static Task UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));

    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < Patience, $"The condition was still not met after {Patience.TotalSeconds} s.");
            await Task.Delay(25);
        }
    }
}
