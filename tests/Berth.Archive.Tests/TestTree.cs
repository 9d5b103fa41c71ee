using Berth.Linux;

namespace Berth.Archive.Tests;

/// <summary>
/// A temp parent directory holding bait files and an empty layer target inside it. Disposing unmounts
/// nothing (tests unmount their own mounts) and deletes the whole parent.
/// </summary>
internal sealed class TestTree : IDisposable
{
    public string Parent { get; }
    public string Target { get; }

    public TestTree()
    {
        Parent = Directory.CreateTempSubdirectory("berth-archive-").FullName;
        Target = Path.Combine(Parent, "layer");
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Parent, "outside"), "bait");
        Directory.CreateDirectory(Path.Combine(Parent, "etc"));
        File.WriteAllText(Path.Combine(Parent, "etc", "passwd"), "root:x:0:0::/root:/bin/sh\n");
    }

    public string this[string relative] => Path.Combine(Target, relative);

    public string NewDirectory(string name)
    {
        var path = Path.Combine(Parent, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public Task<LayerApplyResult> ApplyAsync(byte[] layer, LayerApplyOptions? options = null, string? target = null) =>
        LayerApplier.ApplyAsync(new NonSeekableStream(layer), target ?? Target, options ?? LayerApplyOptions.Default, CancellationToken.None);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed mid-mount may leave a mount behind; detach it and retry once.
            foreach (var dir in Directory.EnumerateDirectories(Parent))
                try { Mounts.Unmount(dir, UnmountFlags.Detach); } catch (LinuxIOException) { }
            Directory.Delete(Parent, recursive: true);
        }
    }
}
