using System.Net;
using System.Net.Sockets;

namespace Registry.IntegrationTests.Support;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of PostgreSQL, so a test can make the database unreachable for one host:
/// <see cref="Cut"/> drops every relayed connection and refuses new ones, <see cref="Restore"/> listens again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly List<TcpClient> open = [];
    private TcpListener listener;
    private CancellationTokenSource running = new();

    public TcpProxy(string targetHost, int targetPort)
    {
        (this.targetHost, this.targetPort) = (targetHost, targetPort);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync(listener, running.Token);
    }

    public int Port { get; }

    public void Cut()
    {
        running.Cancel();
        listener.Stop();
        lock (open)
        {
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    public void Restore()
    {
        running = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        _ = AcceptAsync(listener, running.Token);
    }

    private async Task AcceptAsync(TcpListener accepting, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await accepting.AcceptTcpClientAsync(cancellation);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(inbound, cancellation);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken cancellation)
    {
        var outbound = new TcpClient();
        lock (open) open.AddRange([inbound, outbound]);
        try
        {
            await outbound.ConnectAsync(targetHost, targetPort, cancellation);
            var (a, b) = (inbound.GetStream(), outbound.GetStream());
            await Task.WhenAny(a.CopyToAsync(b, cancellation), b.CopyToAsync(a, cancellation));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
