using Berth.Engine.Metadata;
using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>An image and, when the user named it by reference, the normalized name used.</summary>
internal sealed record ResolvedImage(ImageRecord Image, Reference? ByName);
