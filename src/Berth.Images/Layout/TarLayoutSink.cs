using Berth.Archive;

namespace Berth.Images.Layout;

/// <summary>Writes a layout as a deterministic tar (Berth.Archive): fixed times and owners, 0755 dirs, 0644 files.</summary>
internal sealed class TarLayoutSink(Stream output) : ILayoutSink
{
    private readonly DeterministicTarWriter _tar = new(output, leaveOpen: true);

    public Task AddDirectoryAsync(string name, CancellationToken ct)
    {
        _tar.AddDirectory(name);
        return Task.CompletedTask;
    }

    public Task AddFileAsync(string name, Stream content, long length, CancellationToken ct)
    {
        _tar.AddFile(name, content, length);
        if (content.ReadByte() >= 0) throw new InvalidDataException($"{name}: content is longer than {length} bytes");
        return Task.CompletedTask;
    }

    public Task FinishAsync(CancellationToken ct)
    {
        _tar.Dispose();
        return Task.CompletedTask;
    }
}
