using Berth.Oci;

namespace Berth.Content;

public readonly record struct ContentInfo(Digest Digest, long Size);
