using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Berth.Networking.Dns;

public sealed partial class EmbeddedDnsServer
{
    // RFC 7766: a client may keep a connection for several queries; an idle one is closed after a while.
    private static readonly TimeSpan TcpIdle = TimeSpan.FromSeconds(10);

    private async Task ServeTcpAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeConnectionAsync(client, ct);
        }
    }

    // Each message on a DNS TCP stream is prefixed by its length in two bytes (RFC 1035 4.2.2).
    private async Task ServeConnectionAsync(Socket client, CancellationToken ct)
    {
        using (client)
        await using (var stream = new NetworkStream(client, ownsSocket: false))
        {
            try
            {
                while (await ReadMessageAsync(stream, ct, TcpIdle).ConfigureAwait(false) is { } query)
                {
                    if (await RespondAsync(query, ct, overTcp: true).ConfigureAwait(false) is not { } response) return;
                    await WriteMessageAsync(stream, response, ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
            {
            }
        }
    }

    private static async Task<byte[]?> ForwardOverTcpAsync(byte[] query, IPEndPoint upstream, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(UpstreamPatience);
        try
        {
            using var socket = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(upstream, timeout.Token).ConfigureAwait(false);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await WriteMessageAsync(stream, query, timeout.Token).ConfigureAwait(false);
            return await ReadMessageAsync(stream, timeout.Token, null).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            return null;
        }
    }

    /// <summary>One length-prefixed message; null at a clean end of stream (or after <paramref name="idle"/> without one).</summary>
    internal static async Task<byte[]?> ReadMessageAsync(Stream stream, CancellationToken ct, TimeSpan? idle)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (idle is { } limit) wait.CancelAfter(limit);
        var prefix = new byte[2];
        try
        {
            if (await stream.ReadAtLeastAsync(prefix, 2, throwOnEndOfStream: false, wait.Token).ConfigureAwait(false) < 2) return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(message, ct).ConfigureAwait(false);
        return message;
    }

    internal static async Task WriteMessageAsync(Stream stream, byte[] message, CancellationToken ct)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        await stream.WriteAsync(framed, ct).ConfigureAwait(false);
    }
}
