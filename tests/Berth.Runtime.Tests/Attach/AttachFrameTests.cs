using Berth.Oci;
using Berth.Runtime.Attach;

namespace Berth.Runtime.Tests.Attach;

public sealed class AttachFrameTests
{
    [Fact]
    public async Task Frames_round_trip_with_dockers_stdcopy_header()
    {
        using var buffer = new MemoryStream();
        using (var writer = new AttachFrameWriter(buffer))
        {
            await writer.WriteAsync(AttachFrameType.Stdout, "hello"u8.ToArray(), CancellationToken.None);
            await writer.WriteResizeAsync(40, 120, CancellationToken.None);
            await writer.WriteExitAsync(-1, CancellationToken.None);
            await writer.WriteAsync(AttachFrameType.CloseStdin, ReadOnlyMemory<byte>.Empty, CancellationToken.None);
            await writer.WriteErrorAsync("boom", CancellationToken.None);
        }
        var bytes = buffer.ToArray();
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 5, (byte)'h' }, bytes[..9]);

        buffer.Position = 0;
        var reader = new AttachFrameReader(buffer);
        var f = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(AttachFrameType.Stdout, f!.Value.Type);
        Assert.Equal("hello"u8.ToArray(), f.Value.Payload.ToArray());
        f = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(((ushort)40, (ushort)120), f!.Value.ReadResize());
        f = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(-1, f!.Value.ReadExitCode());
        f = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(AttachFrameType.CloseStdin, f!.Value.Type);
        Assert.True(f.Value.Payload.IsEmpty);
        f = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal("boom"u8.ToArray(), f!.Value.Payload.ToArray());
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 0 }, "truncated attach frame header: 3 of 8 bytes")]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 9, 1, 2 }, "truncated attach frame: 2 of 9 payload bytes")]
    [InlineData(new byte[] { 1, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF }, "attach frame length 2147483647 exceeds the limit of 1048576 bytes")]
    [InlineData(new byte[] { 1, 0, 1, 0, 0, 0, 0, 0 }, "invalid attach frame header 0100010000000000")]
    [InlineData(new byte[] { 42, 0, 0, 0, 0, 0, 0, 0 }, "invalid attach frame header 2A00000000000000")]
    public async Task Bad_frames_are_errors(byte[] input, string message)
    {
        var reader = new AttachFrameReader(new MemoryStream(input));
        var e = await Assert.ThrowsAsync<BerthException>(async () => await reader.ReadAsync(CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Control_payloads_of_the_wrong_size_are_rejected()
    {
        Assert.Throws<BerthException>(() => new AttachFrame(AttachFrameType.Resize, new byte[3]).ReadResize());
        Assert.Throws<BerthException>(() => new AttachFrame(AttachFrameType.Exit, new byte[5]).ReadExitCode());
        Assert.Throws<BerthException>(() => new AttachFrame(AttachFrameType.Stdout, new byte[4]).ReadExitCode());
    }
}
