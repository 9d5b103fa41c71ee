using System.Formats.Tar;
using System.Text;
using Berth.Oci;

namespace Berth.Archive.Tests;

public sealed class DeterministicTarWriterTests
{
    private static readonly string LongName = string.Join('/', Enumerable.Repeat("segment-of-a-long-path", 14)) + "/file";

    private static byte[] Write(DateTimeOffset? mtime = null)
    {
        var output = new MemoryStream();
        using (var writer = new DeterministicTarWriter(output, mtime, leaveOpen: true))
        {
            writer.AddDirectory("blobs");
            writer.AddDirectory("blobs/sha256/", (UnixFileMode)0x1C0);
            writer.AddFile("manifest.json", "[]"u8.ToArray());
            writer.AddFile("blobs/sha256/data", new MemoryStream(new byte[1000]), 1000, (UnixFileMode)0x1ED);
            writer.AddFile(LongName, "long"u8.ToArray());
            writer.AddFile("caf\u00e9", "utf8"u8.ToArray());
            writer.AddSymlink("link", "manifest.json");
        }
        return output.ToArray();
    }

    [Fact]
    public void TwoRuns_GiveIdenticalBytes()
    {
        var first = Write();
        Thread.Sleep(1100); // a writer that leaked the clock into headers would now differ
        Assert.Equal(Digest.Compute(first), Digest.Compute(Write()));
        Assert.NotEqual(Digest.Compute(first), Digest.Compute(Write(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000))));
    }

    [Fact]
    public void Output_ReadsBackWithFixedMetadata_AndNoProcessIdOrClock()
    {
        var bytes = Write(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var reader = new TarReader(new MemoryStream(bytes));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry) entries.Add(entry);

        Assert.Equal(new[] { "blobs/", "blobs/sha256/", "manifest.json", "blobs/sha256/data", LongName, "caf\u00e9", "link" },
            entries.Select(e => e.Name).ToArray());
        Assert.All(entries, e => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), e.ModificationTime));
        Assert.All(entries, e => Assert.Equal((0, 0), (e.Uid, e.Gid)));
        Assert.All(entries.OfType<PosixTarEntry>(), e => Assert.Equal(("", ""), (e.UserName, e.GroupName)));
        Assert.Equal((UnixFileMode)0x1C0, entries[1].Mode);
        Assert.Equal("manifest.json", entries[6].LinkName);
        // Only the two names ustar cannot hold got a PAX header, and it holds nothing but the path.
        var pax = entries.OfType<PaxTarEntry>().ToArray();
        Assert.Equal(2, pax.Length);
        Assert.All(pax, e => Assert.Equal(new[] { "path" }, e.ExtendedAttributes.Keys.ToArray()));
        var text = Encoding.Latin1.GetString(bytes);
        Assert.Contains("PaxHeaders.0/file", text);
        Assert.DoesNotContain("atime", text);
        Assert.DoesNotContain("ctime", text);
        Assert.Equal(0, bytes.Length % 512);
        Assert.True(bytes.AsSpan(bytes.Length - 1024).IndexOfAnyExcept((byte)0) < 0, "ends with two zero blocks");
    }

    [Fact]
    public void FrameworkPaxWriter_EmbedsTheProcessId_WhichIsWhyWeWriteOurOwn()
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, LongName));
        var text = Encoding.Latin1.GetString(output.ToArray());
        Assert.Contains($"PaxHeaders.{Environment.ProcessId}/", text);
    }

    [Fact]
    public async Task Output_AppliesAsALayer_WithTheSameDiffId()
    {
        var bytes = Write();
        using var tree = new TestTree();
        var result = await tree.ApplyAsync(bytes);
        Assert.Equal(Digest.Compute(bytes), result.DiffId);
        Assert.Equal("long", File.ReadAllText(tree[LongName]));
        Assert.Equal(1000, new FileInfo(tree["blobs/sha256/data"]).Length);
    }

    [Fact]
    public void ShortContentStream_Throws()
    {
        using var writer = new DeterministicTarWriter(new MemoryStream());
        Assert.Throws<EndOfStreamException>(() => writer.AddFile("f", new MemoryStream(new byte[10]), 20));
    }
}
