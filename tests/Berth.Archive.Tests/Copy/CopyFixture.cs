using System.Formats.Tar;
using System.Text;

namespace Berth.Archive.Tests.Copy;

/// <summary>
/// A temp parent with a container rootfs ("rootfs", holding its own /etc/passwd), a host side ("host") and a
/// bait file next to them that nothing may ever touch. Disposing deletes the parent.
/// </summary>
internal sealed class CopyFixture : IDisposable
{
    public const string RootfsPasswd = "root:x:0:0:container:/root:/bin/sh\n";

    public CopyFixture()
    {
        Parent = Directory.CreateTempSubdirectory("berth-copy-").FullName;
        Rootfs = Path.Combine(Parent, "rootfs");
        Host = Path.Combine(Parent, "host");
        Directory.CreateDirectory(Path.Combine(Rootfs, "etc"));
        Directory.CreateDirectory(Host);
        File.WriteAllText(Path.Combine(Rootfs, "etc/passwd"), RootfsPasswd);
        File.WriteAllText(Bait, "bait");
    }

    public string Parent { get; }
    public string Rootfs { get; }
    public string Host { get; }
    public string Bait => Path.Combine(Parent, "bait");

    public string InRootfs(string relative) => Path.Combine(Rootfs, relative);

    public void Write(string relative, string content)
    {
        var path = InRootfs(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Files and directories under the parent but outside rootfs/ and host/, to prove nothing landed there.</summary>
    public string[] Outside() => Directory.EnumerateFileSystemEntries(Parent)
        .Select(Path.GetFileName).Where(n => n is not ("rootfs" or "host" or "bait")).Select(n => n!).ToArray();

    public static List<TarEntry> ReadTar(byte[] tar)
    {
        var entries = new List<TarEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } entry) entries.Add(entry);
        return entries;
    }

    public static string Content(TarEntry entry) =>
        entry.DataStream is null ? "" : new StreamReader(entry.DataStream, Encoding.UTF8).ReadToEnd();

    public void Dispose() => Directory.Delete(Parent, recursive: true);
}
