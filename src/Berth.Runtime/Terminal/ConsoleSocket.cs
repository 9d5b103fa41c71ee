using System.Net.Sockets;
using Berth.Linux;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Runtime.Terminal;

/// <summary>
/// The unix socket given to runc as <c>--console-socket</c>: for a container with <c>process.terminal</c>,
/// runc creates the pty inside the container and sends the master here (SCM_RIGHTS, with the slave's path as
/// data), then closes the connection. Disposing closes the socket and removes its file.
/// </summary>
public sealed class ConsoleSocket : IDisposable
{
    private readonly Socket _listener;

    private ConsoleSocket(string path, Socket listener)
    {
        Path = path;
        _listener = listener;
    }

    /// <summary>The socket file; unix socket paths are limited to 107 bytes.</summary>
    public string Path { get; }

    /// <summary>Creates and listens on a unix stream socket at <paramref name="path"/>.</summary>
    public static ConsoleSocket Listen(string path)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(path) > 107) throw BerthException.Invalid($"console socket path too long: {path}");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(1);
            return new ConsoleSocket(path, socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new BerthException(ErrorKind.Internal, $"listen on console socket {path}: {e.Message.ToLowerInvariant()}", e);
        }
    }

    /// <summary>Accepts the runtime's connection and returns the pty master it sends (close-on-exec).</summary>
    public async Task<SafeFileHandle> ReceiveMasterAsync(CancellationToken ct)
    {
        using var connection = await _listener.AcceptAsync(ct).ConfigureAwait(false);
        var data = new byte[4096];
        while (true)
        {
            // Wait for the message without consuming it: recvmsg must take the data and the descriptor together.
            var peeked = await connection.ReceiveAsync(data.AsMemory(0, 1), SocketFlags.Peek, ct).ConfigureAwait(false);
            if (peeked == 0) throw new BerthException(ErrorKind.Internal, "console socket closed before a terminal was received");
            try
            {
                var master = DescriptorPassing.Receive(connection.SafeHandle, data, nonBlocking: true, out _);
                return master ?? throw new BerthException(ErrorKind.Internal, "console socket message carried no terminal");
            }
            catch (LinuxIOException e) when (e.Errno == Errno.EAGAIN)
            {
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
    }
}
