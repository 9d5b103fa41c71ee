using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>A layer compressed for a push: its descriptor and the temporary file holding it, deleted on dispose.</summary>
internal sealed record CompressedLayer(Descriptor Descriptor, string Path) : IDisposable
{
    public void Dispose() => File.Delete(Path);
}
