using System.Formats.Tar;
using Berth.Engine.Images;
using Berth.Engine.Tests.Support;
using Berth.Images;
using Berth.Oci;

namespace Berth.Engine.Tests;

/// <summary>
/// The engine end to end on its own root: import a rootfs tarball, list, tag, remove, and check that garbage
/// collection leaves no blob and no snapshot behind.
/// </summary>
public sealed class EngineImageLifecycleTests : IDisposable
{
    private const UnixFileMode Rwxrxrx = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Rwrr = (UnixFileMode)0b110_100_100;

    private readonly TempDirectory _root = new("berth-root-");
    private readonly TempDirectory _runRoot = new("berth-run-");

    private BerthEngine Open() => BerthEngine.Open(new EngineOptions { Root = _root.Path, RunRoot = _runRoot.Path });

    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A small rootfs; fixed mtimes make the same bytes every call, so the layer's diffID is stable.</summary>
    private static MemoryStream RootfsTar()
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = Rwxrxrx, ModificationTime = Epoch });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/hello")
            {
                Mode = Rwxrxrx,
                ModificationTime = Epoch,
                DataStream = new MemoryStream("#!/bin/sh\necho hello\n"u8.ToArray()),
            });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "etc/") { Mode = Rwxrxrx, ModificationTime = Epoch });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/os-release")
            {
                Mode = Rwrr,
                ModificationTime = Epoch,
                DataStream = new MemoryStream("ID=berth-test\n"u8.ToArray()),
            });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "etc/release") { LinkName = "os-release", ModificationTime = Epoch });
        }
        stream.Position = 0;
        return stream;
    }

    private string Blobs => Path.Combine(_root.Path, "content", "blobs", "sha256");

    private string Snapshots => Path.Combine(_root.Path, "snapshots", "overlay");

    /// <summary>Every snapshot's <c>fs</c> directory (the overlay driver keeps one per snapshot).</summary>
    private IEnumerable<string> SnapshotDirectories() =>
        Directory.Exists(Snapshots)
            ? Directory.EnumerateDirectories(Snapshots, "fs", SearchOption.AllDirectories)
            : [];

    [RootFact]
    public async Task Import_List_Tag_Remove_LeavesTheStoreEmpty()
    {
        var ct = CancellationToken.None;
        using var engine = Open();

        var imported = await engine.Images.ImportAsync(RootfsTar(), new ImportOptions(), "test/app:v1", ct);
        Assert.Equal("docker.io/test/app:v1", Assert.Single(imported.Names).ToString());
        Assert.NotEmpty(Directory.EnumerateFiles(Blobs));
        Assert.Single(SnapshotDirectories());
        foreach (var blob in Directory.EnumerateFiles(Blobs))
            Assert.Equal("sha256:" + Path.GetFileName(blob), (await Digest.ComputeAsync(File.OpenRead(blob), ct)).ToString());

        var listed = Assert.Single(await engine.Images.ListAsync(new ImageListOptions(), ct));
        Assert.Equal(imported.Id.ToString(), listed.Id);
        Assert.Equal(["test/app:v1"], listed.RepoTags);
        Assert.True(listed.Size > 0);

        await engine.Images.TagAsync("test/app:v1", "other", ct);
        listed = Assert.Single(await engine.Images.ListAsync(new ImageListOptions(), ct));
        Assert.Equal(["other:latest", "test/app:v1"], listed.RepoTags.Order(StringComparer.Ordinal));

        var filtered = await engine.Images.ListAsync(new ImageListOptions { Reference = "test/*" }, ct);
        Assert.Equal(["test/app:v1"], Assert.Single(filtered).RepoTags);

        var inspect = await engine.Images.InspectAsync(imported.Id.Encoded[..12], ct);
        Assert.Equal(imported.Id.ToString(), inspect.Id);
        Assert.Single(inspect.RootFS.Layers);

        var untagged = await engine.Images.RemoveAsync("test/app:v1", force: false, ct);
        Assert.Equal("test/app:v1", Assert.Single(untagged).Untagged);
        Assert.Single(await engine.Images.ListAsync(new ImageListOptions(), ct));

        var removed = await engine.Images.RemoveAsync("other", force: false, ct);
        Assert.Equal("other:latest", removed[0].Untagged);
        Assert.Contains(removed, r => r.Deleted == imported.Id.ToString());

        Assert.Empty(await engine.Images.ListAsync(new ImageListOptions(), ct));
        Assert.Empty(Directory.EnumerateFiles(Blobs));
        Assert.Empty(SnapshotDirectories());
        var missing = await Assert.ThrowsAsync<BerthException>(() => engine.Images.InspectAsync("other", ct));
        Assert.Equal("No such image: other:latest", missing.Message);
    }

    [RootFact]
    public async Task Import_SameTarTwice_IsOneImage_AndSurvivesReopen()
    {
        var ct = CancellationToken.None;
        var fixedTime = new FixedTime(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
        Digest first;
        using (var engine = BerthEngine.Open(new EngineOptions { Root = _root.Path, RunRoot = _runRoot.Path, Time = fixedTime }))
        {
            first = (await engine.Images.ImportAsync(RootfsTar(), new ImportOptions(), "a", ct)).Id;
            var second = (await engine.Images.ImportAsync(RootfsTar(), new ImportOptions(), "b", ct)).Id;
            Assert.Equal(first, second);
        }
        using (var reopened = Open())
        {
            var image = Assert.Single(await reopened.Images.ListAsync(new ImageListOptions(), ct));
            Assert.Equal(["a:latest", "b:latest"], image.RepoTags.Order(StringComparer.Ordinal));
            await reopened.Images.RemoveAsync(first.ToString(), force: true, ct);
            Assert.Empty(Directory.EnumerateFiles(Blobs));
        }
    }

    [Fact]
    public async Task Import_InvalidTag_IsRejectedBeforeWriting()
    {
        using var engine = Open();
        var thrown = await Assert.ThrowsAsync<BerthException>(() =>
            engine.Images.ImportAsync(RootfsTar(), new ImportOptions(), "UPPER", CancellationToken.None));
        Assert.Equal(ErrorKind.InvalidArgument, thrown.Kind);
        Assert.Contains("must be lowercase", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Blobs));
    }

    public void Dispose()
    {
        _root.Dispose();
        _runRoot.Dispose();
    }
}
