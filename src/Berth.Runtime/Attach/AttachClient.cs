using System.Net.Sockets;
using System.Text;
using Berth.Oci;

namespace Berth.Runtime.Attach;

/// <summary>
/// The CLI's side of attach: connects to a container monitor's socket, sends the <see cref="AttachRequest"/>,
/// then <see cref="RunAsync"/> copies output frames to the caller's stdout/stderr and the caller's stdin to the
/// container until the container exits, the user types the detach keys, or the monitor goes away.
/// </summary>
public sealed class AttachClient : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly AttachFrameReader _reader;
    private readonly AttachFrameWriter _writer;
    private readonly AttachRequest _request;

    private AttachClient(NetworkStream stream, AttachRequest request)
    {
        _stream = stream;
        _request = request;
        _reader = new AttachFrameReader(stream);
        _writer = new AttachFrameWriter(stream);
    }

    public AttachRequest Request => _request;

    /// <summary>Connects and sends the request; fails as Unavailable when no monitor listens there.</summary>
    public static async Task<AttachClient> ConnectAsync(string socketPath, AttachRequest request, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new BerthException(ErrorKind.Unavailable, $"cannot attach: monitor socket {socketPath}: {e.Message}", e);
        }
        var client = new AttachClient(new NetworkStream(socket, ownsSocket: true), request);
        await client._writer.WriteAsync(AttachFrameType.Request, AttachRequestJson.Write(request), ct);
        return client;
    }

    /// <summary>
    /// Pumps the session. <paramref name="stdin"/> is read only when the request asked for stdin; its end sends
    /// close-stdin and output keeps flowing. <paramref name="detachKeys"/> null means ctrl-p,ctrl-q with a tty and
    /// none without one (Docker's defaults). An error frame from the monitor is thrown.
    /// </summary>
    public async Task<AttachOutcome> RunAsync(Stream? stdin, Stream stdout, Stream stderr, DetachKeys? detachKeys, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var output = PumpOutputAsync(stdout, stderr, stop.Token);
        Task<bool>? input = null;
        if (stdin is not null && _request.Stdin)
            input = PumpStdinAsync(stdin, new DetachKeyScanner(detachKeys ?? (_request.Tty ? DetachKeys.Default : null)), stop.Token);
        try
        {
            if (input is not null && await Task.WhenAny(output, input) == input
                && input.IsCompletedSuccessfully && input.Result)
                return AttachOutcome.Detached;
            return await output;
        }
        finally
        {
            // Reading stdin (a terminal, a pipe) may not observe cancellation; it is abandoned, not awaited.
            await stop.CancelAsync();
            try
            {
                _stream.Socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Tells the monitor the terminal's size; applied in tty mode only.</summary>
    public ValueTask ResizeAsync(ushort rows, ushort cols, CancellationToken ct) => _writer.WriteResizeAsync(rows, cols, ct);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _writer.Dispose();
    }

    private async Task<AttachOutcome> PumpOutputAsync(Stream stdout, Stream stderr, CancellationToken ct)
    {
        try
        {
            while (await _reader.ReadAsync(ct) is { } frame)
            {
                switch (frame.Type)
                {
                    case AttachFrameType.Stdout or AttachFrameType.Stderr:
                        var target = frame.Type == AttachFrameType.Stdout ? stdout : stderr;
                        await target.WriteAsync(frame.Payload, ct);
                        await target.FlushAsync(ct);
                        break;
                    case AttachFrameType.Exit:
                        return AttachOutcome.Exited(frame.ReadExitCode());
                    case AttachFrameType.Error:
                        throw new BerthException(ErrorKind.Internal, Encoding.UTF8.GetString(frame.Payload.Span));
                    default:
                        throw BerthException.Invalid($"unexpected attach frame {frame.Type} from monitor");
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException && !ct.IsCancellationRequested)
        {
        }
        return AttachOutcome.Disconnected;
    }

    /// <summary>True when the detach keys were typed; false when stdin ended (close-stdin was sent).</summary>
    private async Task<bool> PumpStdinAsync(Stream stdin, DetachKeyScanner scanner, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        var send = new byte[scanner.MaxOutput(buffer.Length)];
        try
        {
            while (true)
            {
                var n = await stdin.ReadAsync(buffer, ct);
                if (n == 0)
                {
                    await _writer.WriteAsync(AttachFrameType.CloseStdin, ReadOnlyMemory<byte>.Empty, ct);
                    return false;
                }
                var detach = scanner.Scan(buffer.AsSpan(0, n), send, out var written);
                if (written > 0)
                    await _writer.WriteAsync(AttachFrameType.Stdin, send.AsMemory(0, written), ct);
                if (detach)
                    return true;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}
