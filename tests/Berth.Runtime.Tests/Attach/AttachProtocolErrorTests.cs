using System.Net.Sockets;
using System.Text;
using Berth.Runtime.Attach;
using Berth.Testing;

namespace Berth.Runtime.Tests.Attach;

public sealed class AttachProtocolErrorTests
{
    /// <summary>Sends raw bytes as a client and returns the error frame the server answers with.</summary>
    private static async Task<string> ErrorForAsync(AttachServer server, string path, byte[] raw)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(raw);
        var reader = new AttachFrameReader(stream);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var frame = await reader.ReadAsync(cts.Token);
        Assert.NotNull(frame);
        Assert.Equal(AttachFrameType.Error, frame.Value.Type);
        var message = Encoding.UTF8.GetString(frame.Value.Payload.Span);
        Assert.Null(await reader.ReadAsync(cts.Token));
        return message;
    }

    private static byte[] Frame(AttachFrameType type, byte[] payload)
    {
        var bytes = new byte[8 + payload.Length];
        bytes[0] = (byte)type;
        bytes[4] = (byte)(payload.Length >> 24);
        bytes[5] = (byte)(payload.Length >> 16);
        bytes[6] = (byte)(payload.Length >> 8);
        bytes[7] = (byte)payload.Length;
        payload.CopyTo(bytes, 8);
        return bytes;
    }

    private static readonly byte[] Hello = Frame(AttachFrameType.Request, "{\"stdin\":false}"u8.ToArray());

    [Fact]
    public async Task Bad_handshakes_and_frames_get_an_error_and_leave_the_server_serving()
    {
        using var dir = new TempDir();
        await using var server = new AttachServer(dir["m.sock"], tty: false);
        server.Start();
        Assert.Equal("first attach frame must be a request, got Stdin",
            await ErrorForAsync(server, dir["m.sock"], Frame(AttachFrameType.Stdin, [1])));
        Assert.StartsWith("invalid attach frame header",
            await ErrorForAsync(server, dir["m.sock"], "GET / HTTP/1.1\r\n\r\n"u8.ToArray()));
        Assert.Contains("is an invalid", await ErrorForAsync(server, dir["m.sock"], Frame(AttachFrameType.Request, "{nope"u8.ToArray())));
        Assert.Equal("attach frame length 4294967295 exceeds the limit of 1048576 bytes",
            await ErrorForAsync(server, dir["m.sock"], [.. Hello, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal("stdin was not requested by this attach client",
            await ErrorForAsync(server, dir["m.sock"], [.. Hello, .. Frame(AttachFrameType.Stdin, [1, 2])]));
        Assert.Equal("unexpected attach frame Exit from client",
            await ErrorForAsync(server, dir["m.sock"], [.. Hello, .. Frame(AttachFrameType.Exit, [0, 0, 0, 0])]));
        Assert.Equal("invalid resize frame of 1 bytes",
            await ErrorForAsync(server, dir["m.sock"], [.. Hello, .. Frame(AttachFrameType.Resize, [1])]));

        await using var good = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest(), CancellationToken.None);
        var run = good.RunAsync(null, Stream.Null, Stream.Null, null, CancellationToken.None);
        await server.AnnounceExitAsync(1);
        Assert.Equal(AttachOutcome.Exited(1), await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_truncated_frame_from_the_monitor_reads_as_an_error_on_the_client()
    {
        using var dir = new TempDir();
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(dir["fake.sock"]));
        listener.Listen(1);
        var serving = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync();
            await peer.SendAsync(new byte[] { 1, 0, 0, 0, 0, 0, 0, 10, (byte)'a' });
            peer.Shutdown(SocketShutdown.Send);
            // Drain what the client sends until it leaves: closing a unix socket with unread data makes the
            // peer's next read fail with ECONNRESET instead of the end of file this test is about.
            var buffer = new byte[4096];
            while (await peer.ReceiveAsync(buffer) > 0)
            {
            }
        });
        var client = await AttachClient.ConnectAsync(dir["fake.sock"], new AttachRequest(), CancellationToken.None);
        var e = await Assert.ThrowsAsync<Berth.Oci.BerthException>(() => client.RunAsync(null, Stream.Null, Stream.Null, null, CancellationToken.None));
        Assert.Equal("truncated attach frame: 1 of 10 payload bytes", e.Message);
        await client.DisposeAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_monitor_that_vanishes_leaves_the_client_disconnected()
    {
        using var dir = new TempDir();
        var server = new AttachServer(dir["m.sock"], tty: false);
        server.Start();
        await using var client = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest(), CancellationToken.None);
        var run = client.RunAsync(null, Stream.Null, Stream.Null, null, CancellationToken.None);
        await Task.Delay(50);
        await server.DisposeAsync();
        Assert.Equal(AttachOutcome.Disconnected, await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }
}
