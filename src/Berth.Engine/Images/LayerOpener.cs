using Berth.Oci;

namespace Berth.Engine.Images;

/// <summary>Opens the bytes of one layer, as stored (maybe compressed), for the unpacker to read once to the end.</summary>
internal delegate Task<Stream> LayerOpener(Descriptor layer, CancellationToken ct);
