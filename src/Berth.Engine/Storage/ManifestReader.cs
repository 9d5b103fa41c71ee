using System.Text.Json;
using Berth.Content;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Engine.Storage;

/// <summary>Reads a stored manifest synchronously (for the collector and the checker, which walk many).</summary>
internal static class ManifestReader
{
    public static ImageManifest Read(IContentProvider content, Digest digest)
    {
        using var stream = content.OpenRead(digest);
        try
        {
            return JsonSerializer.Deserialize(stream, OciJsonContext.Default.ImageManifest)
                ?? throw BerthException.Invalid($"manifest {digest}: empty document");
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"manifest {digest}: {e.Message}", e);
        }
    }
}
