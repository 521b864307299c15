using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace IntakeBot.Bench;

/// <summary>A loopback TCP relay in front of Azurite, so that storage can go away as a service does when
/// it restarts: <see cref="Close"/> resets every open connection (a request in flight may have been
/// carried out, and its answer is lost) and refuses new ones until <see cref="Open"/>. What storage
/// acknowledged stays, as in Azure Storage; stopping Azurite itself could not do that, because it keeps
/// its blob list in memory and waits for open connections before it saves it.</summary>
internal sealed class StorageGate : IDisposable
{
    private readonly int _target;
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _open = new();
    private TcpListener? _listener;

    private StorageGate(int target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Relays a free loopback port to <paramref name="target"/>, open.</summary>
    public static StorageGate Start(int target)
    {
        var gate = new StorageGate(target, LocalAzurite.FreePort());
        gate.Open();
        return gate;
    }

    public void Open()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    /// <summary>Refuses new connections and resets every open one.</summary>
    public void Close()
    {
        _listener?.Stop();
        _listener = null;
        foreach (var (client, upstream) in _open)
        {
            Reset(client);
            Reset(upstream);
        }

        _open.Clear();
    }

    public void Dispose() => Close();

    private static void Reset(TcpClient connection)
    {
        try
        {
            connection.Client.LingerState = new LingerOption(true, 0);
        }
        catch (ObjectDisposedException)
        {
        }

        connection.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _target);
            _open[client] = upstream;
            using var cancel = new CancellationTokenSource();
            var one = client.GetStream().CopyToAsync(upstream.GetStream(), cancel.Token);
            var other = upstream.GetStream().CopyToAsync(client.GetStream(), cancel.Token);
            await Task.WhenAny(one, other);
            await cancel.CancelAsync();
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset by Close, or storage is not listening: the client sees the connection fail.
        }
        finally
        {
            _open.TryRemove(client, out _);
            Reset(client);
            Reset(upstream);
        }
    }
}
