using Berth.Archive;

namespace Berth.Images.Tests.Support;

/// <summary>Reads like a pipe: no seeking, no length, and short reads, so readers cannot rely on either.</summary>
internal sealed class NonSeekableStream(Stream inner) : ForwardReadStream
{
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 7_001));
}
