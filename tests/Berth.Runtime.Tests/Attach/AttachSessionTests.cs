using System.Net.Sockets;
using System.Text;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Attach;
using Berth.Runtime.Logs;
using Berth.Testing;

namespace Berth.Runtime.Tests.Attach;

public sealed class AttachSessionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }

    private static async Task<ReadOnlyMemory<byte>> NextStdinAsync(AttachServer server)
    {
        using var cts = new CancellationTokenSource(Patience);
        return await server.Stdin.ReadAsync(cts.Token);
    }

    [Fact]
    public async Task Output_fans_out_to_every_client_by_stream_and_exit_reaches_all()
    {
        using var dir = new TempDir();
        await using var server = new AttachServer(dir["m.sock"], tty: false);
        server.Start();
        await using var both = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest(), CancellationToken.None);
        await using var errOnly = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest { Stdout = false }, CancellationToken.None);
        await WaitForAsync(() => server.ClientCount == 2);

        var out1 = new MemoryStream();
        var err1 = new MemoryStream();
        var out2 = new MemoryStream();
        var err2 = new MemoryStream();
        var run1 = both.RunAsync(null, out1, err1, null, CancellationToken.None);
        var run2 = errOnly.RunAsync(null, out2, err2, null, CancellationToken.None);
        server.Publish(LogStream.Stdout, "out 1\n"u8);
        server.Publish(LogStream.Stderr, "err 1\n"u8);
        server.Publish(LogStream.Stdout, "out 2\n"u8);
        await server.AnnounceExitAsync(3).WaitAsync(Patience);

        Assert.Equal(AttachOutcome.Exited(3), await run1.WaitAsync(Patience));
        Assert.Equal(AttachOutcome.Exited(3), await run2.WaitAsync(Patience));
        Assert.Equal("out 1\nout 2\n", Encoding.UTF8.GetString(out1.ToArray()));
        Assert.Equal("err 1\n", Encoding.UTF8.GetString(err1.ToArray()));
        Assert.Empty(out2.ToArray());
        Assert.Equal("err 1\n", Encoding.UTF8.GetString(err2.ToArray()));
        Assert.Equal(0, server.ClientCount);
    }

    [Fact]
    public async Task Stdin_reaches_the_monitor_in_order_followed_by_the_close_marker()
    {
        using var dir = new TempDir();
        await using var server = new AttachServer(dir["m.sock"], tty: false);
        server.Start();
        await using var client = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest { Stdin = true }, CancellationToken.None);
        var run = client.RunAsync(new MemoryStream("hello\nworld\n"u8.ToArray()), Stream.Null, Stream.Null, null, CancellationToken.None);

        var received = new MemoryStream();
        while (true)
        {
            var chunk = await NextStdinAsync(server);
            if (chunk.IsEmpty)
                break;
            received.Write(chunk.Span);
        }
        Assert.Equal("hello\nworld\n", Encoding.UTF8.GetString(received.ToArray()));
        // The client still waits for the exit after its stdin ended.
        Assert.False(run.IsCompleted);
        await server.AnnounceExitAsync(0);
        Assert.Equal(AttachOutcome.Exited(0), await run.WaitAsync(Patience));
    }

    [Fact]
    public async Task Resize_requests_reach_the_callback_in_tty_mode()
    {
        using var dir = new TempDir();
        await using var server = new AttachServer(dir["m.sock"], tty: true);
        var sizes = new List<(ushort, ushort)>();
        server.Resized += (rows, cols) =>
        {
            lock (sizes)
                sizes.Add((rows, cols));
        };
        server.Start();
        await using var client = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest { Tty = true }, CancellationToken.None);
        await client.ResizeAsync(24, 80, CancellationToken.None);
        await client.ResizeAsync(50, 200, CancellationToken.None);
        await WaitForAsync(() => { lock (sizes) return sizes.Count == 2; });
        Assert.Equal([((ushort)24, (ushort)80), ((ushort)50, (ushort)200)], sizes);
    }

    [Fact]
    public async Task Detach_keys_end_the_session_without_sending_them_and_the_server_lives_on()
    {
        using var dir = new TempDir();
        await using var server = new AttachServer(dir["m.sock"], tty: true);
        server.Start();
        await using var client = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest { Stdin = true, Tty = true }, CancellationToken.None);
        await WaitForAsync(() => server.ClientCount == 1);
        var stdin = new MemoryStream([(byte)'l', (byte)'s', 0x10, 0x11, (byte)'x']);
        var outcome = await client.RunAsync(stdin, Stream.Null, Stream.Null, null, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(AttachOutcome.Detached, outcome);
        Assert.Equal("ls", Encoding.UTF8.GetString((await NextStdinAsync(server)).Span));
        await WaitForAsync(() => server.ClientCount == 0);
        Assert.False(server.Stdin.TryRead(out _), "neither the keys, the bytes after them nor a close-stdin may be sent");

        // The container keeps running: another client can attach and gets output.
        await using var again = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest(), CancellationToken.None);
        await WaitForAsync(() => server.ClientCount == 1);
        var output = new MemoryStream();
        var run = again.RunAsync(null, output, Stream.Null, null, CancellationToken.None);
        server.Publish(LogStream.Stderr, "still here"u8);
        await server.AnnounceExitAsync(0);
        Assert.Equal(AttachOutcome.Exited(0), await run.WaitAsync(Patience));
        Assert.Equal("still here", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_client_that_never_reads_does_not_block_publish_and_is_dropped()
    {
        using var dir = new TempDir();
        await using var server = new AttachServer(dir["m.sock"], tty: false, clientQueueBytes: 1024 * 1024);
        server.Start();
        await using var stuck = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest(), CancellationToken.None);
        await using var healthy = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest(), CancellationToken.None);
        await WaitForAsync(() => server.ClientCount == 2);
        var counted = new CountingStream();
        var run = healthy.RunAsync(null, counted, Stream.Null, null, CancellationToken.None);

        // Paced by the reading client (never more than 4 chunks behind) while the other one's socket buffer and queue fill up.
        var chunk = new byte[64 * 1024];
        var published = 0;
        var slowest = TimeSpan.Zero;
        while (server.ClientCount == 2 && published < 4096)
        {
            var started = DateTime.UtcNow;
            server.Publish(LogStream.Stdout, chunk);
            var took = DateTime.UtcNow - started;
            slowest = took > slowest ? took : slowest;
            published++;
            await WaitForAsync(() => counted.Length >= (published - 4L) * chunk.Length);
        }
        Assert.True(server.ClientCount == 1, $"published {published} chunks, healthy got {counted.Length}, clients {server.ClientCount}");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"publish waited {slowest} for a client");
        await server.AnnounceExitAsync(0);
        Assert.Equal(AttachOutcome.Exited(0), await run.WaitAsync(Patience));
        Assert.Equal((long)published * chunk.Length, counted.Length);
    }

    [Fact]
    public async Task WaitForFirstClient_times_out_without_a_client_and_output_after_it_is_not_lost()
    {
        using var dir = new TempDir();
        await using var server = new AttachServer(dir["m.sock"], tty: false);
        server.Start();
        Assert.False(await server.WaitForFirstClientAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        var waiting = server.WaitForFirstClientAsync(Patience, CancellationToken.None);
        await using var client = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest(), CancellationToken.None);
        Assert.True(await waiting);
        server.Publish(LogStream.Stdout, "first line\n"u8);
        await server.AnnounceExitAsync(7);
        var output = new MemoryStream();
        Assert.Equal(AttachOutcome.Exited(7), await client.RunAsync(null, output, Stream.Null, null, CancellationToken.None).WaitAsync(Patience));
        Assert.Equal("first line\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_client_attaching_after_the_exit_gets_the_exit_code_at_once()
    {
        using var dir = new TempDir();
        await using var server = new AttachServer(dir["m.sock"], tty: false);
        server.Start();
        await server.AnnounceExitAsync(137);
        await using var late = await AttachClient.ConnectAsync(dir["m.sock"], new AttachRequest { Stdin = true }, CancellationToken.None);
        var outcome = await late.RunAsync(new BlockingStream(), Stream.Null, Stream.Null, null, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(AttachOutcome.Exited(137), outcome);
    }

    [Fact]
    public async Task The_socket_is_private_replaces_a_stale_one_and_is_removed_on_dispose()
    {
        using var dir = new TempDir();
        var path = dir["m.sock"];
        // What a killed monitor leaves behind: a socket inode nobody listens on.
        DeviceNodes.MakeNode(path, UnixFileType.Socket, (UnixFileMode)0x1ED, 0, 0);
        Assert.Equal(UnixFileType.Socket, FileStatus.Lstat(path).Type);
        var server = new AttachServer(path, tty: false);
        server.Start();
        var status = FileStatus.Lstat(path);
        Assert.Equal(UnixFileType.Socket, status.Type);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, status.Permissions);
        await server.DisposeAsync();
        Assert.False(FileStatus.TryLstat(path, out _, out _));
    }

    [Fact]
    public async Task A_regular_file_at_the_socket_path_is_not_replaced()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir["m.sock"], "keep");
        await using var server = new AttachServer(dir["m.sock"], tty: false);
        var e = Assert.Throws<BerthException>(server.Start);
        Assert.Equal(ErrorKind.AlreadyExists, e.Kind);
        Assert.Equal("keep", await File.ReadAllTextAsync(dir["m.sock"]));
    }

    [Fact]
    public async Task Connecting_to_a_missing_socket_is_unavailable()
    {
        using var dir = new TempDir();
        var e = await Assert.ThrowsAsync<BerthException>(() => AttachClient.ConnectAsync(dir["none.sock"], new AttachRequest(), CancellationToken.None));
        Assert.Equal(ErrorKind.Unavailable, e.Kind);
    }
}
