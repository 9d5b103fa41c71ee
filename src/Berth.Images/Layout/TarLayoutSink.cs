using Berth.Images.Streams;

namespace Berth.Images.Layout;

/// <summary>Writes a layout as a deterministic tar: fixed times and owners, 0755 directories, 0644 files.</summary>
internal sealed class TarLayoutSink(Stream output) : ILayoutSink
{
    private readonly UstarWriter _tar = new(output);

    public Task AddDirectoryAsync(string name, CancellationToken ct) => _tar.AddDirectoryAsync(name, 0b111_101_101, ct);

    public Task AddFileAsync(string name, Stream content, long length, CancellationToken ct) =>
        _tar.AddFileAsync(name, content, length, 0b110_100_100, ct);

    public Task FinishAsync(CancellationToken ct) => _tar.FinishAsync(ct);
}
