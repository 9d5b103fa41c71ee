namespace Berth.Images.Layout;

/// <summary>
/// Writes a layout into a directory. Each file is written beside its final name and renamed into place, so a
/// reader never sees a half-written blob; index.json, written last, is what makes new images visible.
/// </summary>
internal sealed class DirectoryLayoutSink(string root) : ILayoutSink
{
    public Task AddDirectoryAsync(string name, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(root, name));
        return Task.CompletedTask;
    }

    public async Task AddFileAsync(string name, Stream content, long length, CancellationToken ct)
    {
        var target = Path.Combine(root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, 1 << 20, ct).ConfigureAwait(false);
                if (file.Length != length) throw new InvalidDataException($"{name}: expected {length} bytes, got {file.Length}");
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task FinishAsync(CancellationToken ct) => Task.CompletedTask;
}
