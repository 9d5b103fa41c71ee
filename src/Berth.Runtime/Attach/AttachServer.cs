using System.Net.Sockets;
using System.Threading.Channels;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Logs;

namespace Berth.Runtime.Attach;

/// <summary>
/// The monitor's side of attach: a unix socket (mode 0600) that clients such as <c>berth run</c> in the
/// foreground and <c>berth attach</c> connect to, each opening with an <see cref="AttachRequest"/>.
/// Lifecycle: <see cref="Start"/>, optionally <see cref="WaitForFirstClientAsync"/> before the container starts so
/// no output is lost, then <see cref="Publish"/> for every read of container output, and finally
/// <see cref="AnnounceExitAsync"/> when the container exits. Output never waits for a client: each has a bounded
/// queue, and a client that lets it overflow is dropped. Input from clients: stdin chunks arrive on
/// <see cref="Stdin"/> (an empty chunk marks a client's close-stdin, in order after its data, so the monitor can
/// close the container's stdin only after writing everything before it); terminal sizes through
/// <see cref="Resized"/>. Clients may come and go; the container does not notice.
/// </summary>
public sealed partial class AttachServer : IAsyncDisposable
{
    /// <summary>Bytes of output a client may have queued before it is dropped.</summary>
    public const int DefaultClientQueueBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a client gets to close after its exit frame before the monitor closes on it.</summary>
    private static readonly TimeSpan ExitLinger = TimeSpan.FromSeconds(2);

    private readonly string _socketPath;
    private readonly bool _tty;
    private readonly int _clientQueueBytes;
    private readonly object _gate = new();
    private readonly Channel<ReadOnlyMemory<byte>> _stdin =
        Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(256) { SingleReader = true });
    private readonly TaskCompletionSource _firstClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Connection[] _clients = [];
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int? _exitCode;
    private bool _disposed;

    public AttachServer(string socketPath, bool tty, int clientQueueBytes = DefaultClientQueueBytes)
    {
        _socketPath = socketPath;
        _tty = tty;
        _clientQueueBytes = clientQueueBytes;
    }

    /// <summary>Whether the container has a terminal: then all output is one stream and resizes apply.</summary>
    public bool Tty => _tty;

    public string SocketPath => _socketPath;

    /// <summary>
    /// Stdin from clients for the container. An empty chunk means a client closed its stdin; Docker closes the
    /// container's stdin then only for stdin-once containers, so the monitor decides.
    /// </summary>
    public ChannelReader<ReadOnlyMemory<byte>> Stdin => _stdin.Reader;

    /// <summary>A client asked for a terminal size (rows, cols); raised only in tty mode.</summary>
    public event Action<ushort, ushort>? Resized;

    /// <summary>Clients attached now.</summary>
    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>Listens on the socket, replacing a stale socket left by a dead monitor.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_listener is not null)
            throw BerthException.Conflict($"attach server on {_socketPath} is already started");
        if (FileStatus.TryLstat(_socketPath, out var existing, out _))
        {
            if (existing.Type != UnixFileType.Socket)
                throw BerthException.Exists($"attach socket path {_socketPath} exists and is not a socket");
            File.Delete(_socketPath);
        }
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(_socketPath));
            File.SetUnixFileMode(_socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
    }

    /// <summary>True once a client has attached; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForFirstClientAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _firstClient.Task.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Queues container output for every client that asked for <paramref name="stream"/>. Never blocks: a client
    /// whose queue would pass its limit is disconnected instead.
    /// </summary>
    public void Publish(LogStream stream, ReadOnlySpan<byte> data)
    {
        var clients = Volatile.Read(ref _clients);
        if (data.IsEmpty || clients.Length == 0)
            return;
        // A pty has a single output; whatever the caller names it, it goes out as stdout.
        var type = _tty || stream == LogStream.Stdout ? AttachFrameType.Stdout : AttachFrameType.Stderr;
        ReadOnlyMemory<byte> copy = null;
        foreach (var client in clients)
        {
            if (!client.Wants(type))
                continue;
            if (copy.IsEmpty)
                copy = data.ToArray();
            for (var offset = 0; offset < copy.Length; offset += AttachFrame.DefaultMaxPayload)
            {
                var piece = copy.Slice(offset, Math.Min(AttachFrame.DefaultMaxPayload, copy.Length - offset));
                if (!client.TryQueue(type, piece))
                {
                    Remove(client);
                    client.Abort();
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Sends the exit code to every client after the output queued before it, then closes them. Clients that
    /// attach later get the exit code at once.
    /// </summary>
    public async Task AnnounceExitAsync(int exitCode, CancellationToken ct = default)
    {
        Connection[] clients;
        lock (_gate)
        {
            _exitCode = exitCode;
            clients = _clients;
            _clients = [];
        }
        foreach (var client in clients)
            client.QueueExit(exitCode);
        await Task.WhenAll(clients.Select(c => c.FinishAsync(ExitLinger))).WaitAsync(ct);
    }

    /// <summary>Stops listening, disconnects every client and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        Connection[] clients;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            clients = _clients;
            _clients = [];
        }
        await _stopping.CancelAsync();
        _listener?.Dispose();
        foreach (var client in clients)
            client.Abort();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(clients.Select(c => c.Completion));
        _stdin.Writer.TryComplete();
        // The directory may be gone already: a --rm container's files are removed before its clients are told.
        if (_listener is not null && Directory.Exists(Path.GetDirectoryName(_socketPath)))
            File.Delete(_socketPath);
        _stopping.Dispose();
    }

    private void Remove(Connection client)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_clients, client);
            if (index < 0)
                return;
            var next = new Connection[_clients.Length - 1];
            Array.Copy(_clients, 0, next, 0, index);
            Array.Copy(_clients, index + 1, next, index, _clients.Length - index - 1);
            _clients = next;
        }
    }

    private void RaiseResized(ushort rows, ushort cols)
    {
        if (_tty)
            Resized?.Invoke(rows, cols);
    }
}
