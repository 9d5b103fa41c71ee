using System.Formats.Tar;
using System.IO.Compression;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>What the context contributes: .dockerignore selection and ADD of local archives.</summary>
public sealed class ContextTests
{
    [ToolFact("docker")]
    public void DockerignoreWithDoubleStarAndExceptions_MatchesDocker()
    {
        using var c = new DiffCase();
        c.File("keep.txt", "k\n").File("drop.log", "d\n").File("keep.log", "kl\n")
            .File("a/b/deep.log", "deep\n").File("a/b/deep.txt", "deep\n").File("a/secret.key", "s\n")
            .File("a/b/secret-ok.key", "ok\n").File("tmp/x", "x\n").File("tmp/y", "y\n")
            .File("node_modules/m/index.js", "js\n").File("docs/readme.md", "r\n").File("docs/skip.md", "s\n");
        c.File(".dockerignore", """
            # comment
            **/*.log
            !keep.log
            tmp/
            !tmp/y
            **/secret*
            !a/b/secret-ok.key
            node_modules
            docs/*.md
            !docs/readme.md
            .dockerignore
            """);
        c.Dockerfile("""
            FROM bbdiff:latest
            COPY . /ctx/
            RUN find /ctx | sort > /listing.txt
            """);
        c.Build().AssertSame();
    }

    [ToolFact("docker")]
    public void AddOfLocalArchives_ExtractsThem_AsDockerDoes()
    {
        using var c = new DiffCase();
        c.File("arch.tar.gz", Archive(gzip: true)).File("plain.tar", Archive(gzip: false)).File("a.txt", "alpha\n");
        c.Dockerfile("""
            FROM bbdiff:latest
            ADD arch.tar.gz /x/
            ADD plain.tar /y
            ADD a.txt /addfile
            COPY arch.tar.gz /notextracted/
            """);
        c.Build().AssertSame();
    }

    /// <summary>A small archive with a dir of its own mode, a symlink, a hardlink and an executable, owned by uid:gid.</summary>
    internal static byte[] Archive(bool gzip, int uid = 0, int gid = 0)
    {
        var tar = new MemoryStream();
        using (var w = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var mtime = new DateTimeOffset(2023, 5, 6, 7, 8, 9, TimeSpan.Zero);
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "top/") { Mode = (UnixFileMode)0x1E8 /* 0750 */, Uid = uid, Gid = gid, ModificationTime = mtime });
            w.WriteEntry(File("top/file.txt", "in the archive\n", 0x1A4, mtime, uid, gid));
            w.WriteEntry(File("top/tool", "#!/bin/sh\n", 0x1ED, mtime, uid, gid));
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "top/link") { LinkName = "file.txt", ModificationTime = mtime });
            w.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "top/hard") { LinkName = "top/file.txt", ModificationTime = mtime });
            w.WriteEntry(File("rootfile", "r\n", 0x180, mtime, uid, gid));
        }
        if (!gzip)
            return tar.ToArray();
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            z.Write(tar.ToArray());
        return gz.ToArray();
    }

    private static PaxTarEntry File(string name, string text, int mode, DateTimeOffset mtime, int uid, int gid) => new(TarEntryType.RegularFile, name)
    {
        DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)),
        Mode = (UnixFileMode)mode,
        Uid = uid,
        Gid = gid,
        ModificationTime = mtime,
    };
}
