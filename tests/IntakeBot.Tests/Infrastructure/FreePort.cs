using System.Net;
using System.Net.Sockets;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Ports for the test servers. They come from below the kernel's ephemeral range: a port the
/// kernel handed out for "any free port" and that was closed again can be given to the very next
/// outgoing connection (to Azurite, say) before the server that was meant to have it binds it, and the
/// server then fails to start or a test talks to the wrong peer. Below that range only a listener can
/// hold a port, each one is handed out once per test run, and a random start keeps two runs on one
/// machine apart.</summary>
internal static class FreePort
{
    private const int Lowest = 10_000;
    private static readonly int Highest = EphemeralRangeStart() - 1;
    private static int _next = Random.Shared.Next(Lowest, Highest);

    public static int Next()
    {
        for (var tried = 0; tried <= Highest - Lowest; tried++)
        {
            var port = Lowest + ((Interlocked.Increment(ref _next) - Lowest) % (Highest - Lowest + 1));
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {Highest}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port the kernel may give to an outgoing connection (Linux's default when it
    /// cannot be read).</summary>
    private static int EphemeralRangeStart()
    {
        const int LinuxDefault = 32_768;
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out var start) && start > Lowest + 1_000 ? start : LinuxDefault;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return LinuxDefault;
        }
    }

    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool>? stillRunning = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (stillRunning is not null && !stillRunning())
            {
                throw new InvalidOperationException($"The process meant to listen on 127.0.0.1:{port} exited.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout}.");
    }
}
