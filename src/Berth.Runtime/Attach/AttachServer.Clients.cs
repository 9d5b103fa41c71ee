using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using Berth.Oci;

namespace Berth.Runtime.Attach;

public sealed partial class AttachServer
{
    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
                                          || (e is SocketException && ct.IsCancellationRequested))
            {
                return;
            }
            _ = ServeAsync(socket, ct);
        }
    }

    /// <summary>One client: the handshake, then its frames until it leaves or is dropped.</summary>
    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new AttachFrameReader(stream);
        var writer = new AttachFrameWriter(stream);
        AttachRequest request;
        try
        {
            request = await HandshakeAsync(reader, ct);
        }
        catch (Exception e) when (e is BerthException or JsonException)
        {
            await TryWriteErrorAsync(writer, e.Message);
            await LingerAsync(stream);
            await stream.DisposeAsync();
            return;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            await stream.DisposeAsync();
            return;
        }

        var client = new Connection(stream, writer, request, _clientQueueBytes);
        int? exited;
        lock (_gate)
        {
            exited = _exitCode;
            if (exited is null && !_disposed)
                _clients = [.. _clients, client];
        }
        if (exited is { } code)
        {
            client.QueueExit(code);
            await client.Completion;
            await LingerAsync(stream);
            client.Abort();
            return;
        }
        _firstClient.TrySetResult();
        try
        {
            await ReceiveAsync(reader, request, ct);
        }
        catch (BerthException e)
        {
            Remove(client);
            client.QueueError(e.Message);
            await client.Completion.WaitAsync(ExitLinger, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await LingerAsync(stream);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException
                                      or ObjectDisposedException or ChannelClosedException)
        {
            // The client left, the server is stopping, or the container's stdin is closed for good.
        }
        Remove(client);
        client.Abort();
    }

    private static async Task<AttachRequest> HandshakeAsync(AttachFrameReader reader, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(HandshakeTimeout);
        var frame = await reader.ReadAsync(timeout.Token)
            ?? throw BerthException.Invalid("attach client closed before its request");
        if (frame.Type != AttachFrameType.Request)
            throw BerthException.Invalid($"first attach frame must be a request, got {frame.Type}");
        return AttachRequestJson.Read(frame.Payload.Span);
    }

    private async Task ReceiveAsync(AttachFrameReader reader, AttachRequest request, CancellationToken ct)
    {
        while (await reader.ReadAsync(ct) is { } frame)
        {
            switch (frame.Type)
            {
                case AttachFrameType.Stdin when request.Stdin:
                    if (!frame.Payload.IsEmpty)
                        await _stdin.Writer.WriteAsync(frame.Payload.ToArray(), ct);
                    break;
                case AttachFrameType.CloseStdin when request.Stdin:
                    await _stdin.Writer.WriteAsync(ReadOnlyMemory<byte>.Empty, ct);
                    break;
                case AttachFrameType.Resize:
                    var (rows, cols) = frame.ReadResize();
                    RaiseResized(rows, cols);
                    break;
                case AttachFrameType.Stdin or AttachFrameType.CloseStdin:
                    throw BerthException.Invalid("stdin was not requested by this attach client");
                default:
                    throw BerthException.Invalid($"unexpected attach frame {frame.Type} from client");
            }
        }
    }

    /// <summary>
    /// Ends our side and reads whatever the client still sends until it closes: closing a socket with unread
    /// input makes the kernel reset the connection, and the client would lose the last frame (exit or error).
    /// </summary>
    private static async Task LingerAsync(NetworkStream stream)
    {
        try
        {
            stream.Socket.Shutdown(SocketShutdown.Send);
            using var timeout = new CancellationTokenSource(ExitLinger);
            var sink = new byte[4096];
            while (await stream.ReadAsync(sink, timeout.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static async Task TryWriteErrorAsync(AttachFrameWriter writer, string message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await writer.WriteErrorAsync(message, timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
