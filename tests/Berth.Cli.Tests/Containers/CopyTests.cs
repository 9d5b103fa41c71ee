using System.Formats.Tar;
using System.Text;

namespace Berth.Cli.Tests.Containers;

/// <summary><c>berth cp</c> in both directions, with running and stopped containers, tars on stdin/stdout and hostile input.</summary>
public sealed class CopyTests : IDisposable
{
    private readonly ContainerHost _host = new();

    private string Work(string name) => _host.Root.WorkPath(name);

    private void Running(string name, string setup = "true") =>
        _host.Detached("--name", name, ContainerHost.Image, "sh", "-c", setup + "; touch /tmp/ready; exec sleep 100");

    private void WaitReady(string name) =>
        ContainerHost.Eventually(() => _host.Run("exec", name, "test", "-e", "/tmp/ready").ExitCode == 0, "the container's setup");

    [Fact]
    public void A_file_and_a_directory_are_copied_out_of_a_running_container()
    {
        Running("c1", "mkdir -p /srv/tree/sub && echo one > /srv/tree/a.txt && echo two > /srv/tree/sub/b.txt");
        WaitReady("c1");

        _host.Run("cp", "c1:/data/seed.txt", Work("seed.txt")).Ok();
        Assert.Equal("from the image\n", File.ReadAllText(Work("seed.txt")));

        // A new destination becomes the directory; an existing one receives it under its own name.
        _host.Run("cp", "c1:/srv/tree", Work("copy")).Ok();
        Assert.Equal("one\n", File.ReadAllText(Work("copy/a.txt")));
        Assert.Equal("two\n", File.ReadAllText(Work("copy/sub/b.txt")));
        Directory.CreateDirectory(Work("into"));
        _host.Run("cp", "c1:/srv/tree", Work("into")).Ok();
        Assert.Equal("two\n", File.ReadAllText(Work("into/tree/sub/b.txt")));
        // "dir/." copies the contents.
        _host.Run("cp", "c1:/srv/tree/.", Work("into")).Ok();
        Assert.Equal("one\n", File.ReadAllText(Work("into/a.txt")));
    }

    [Fact]
    public void Files_are_copied_into_a_running_container()
    {
        Running("c2");
        WaitReady("c2");
        File.WriteAllText(Work("in.txt"), "to the container\n");
        Directory.CreateDirectory(Work("dir/nested"));
        File.WriteAllText(Work("dir/nested/deep.txt"), "deep\n");

        _host.Run("cp", Work("in.txt"), "c2:/tmp/").Ok();
        _host.Run("cp", Work("in.txt"), "c2:/tmp/renamed.txt").Ok();
        _host.Run("cp", Work("dir"), "c2:/opt").Ok();

        Assert.Equal("to the container\n", _host.Run("exec", "c2", "cat", "/tmp/in.txt").Ok().Stdout);
        Assert.Equal("to the container\n", _host.Run("exec", "c2", "cat", "/tmp/renamed.txt").Ok().Stdout);
        Assert.Equal("deep\n", _host.Run("exec", "c2", "cat", "/opt/nested/deep.txt").Ok().Stdout);
        // Without -a everything belongs to root.
        Assert.Equal("0:0\n", _host.Run("exec", "c2", "stat", "-c", "%u:%g", "/tmp/in.txt").Ok().Stdout);
    }

    [Fact]
    public void A_stopped_container_is_copied_into_and_out_of()
    {
        _host.Run("create", "--name", "s1", ContainerHost.Image, "cat", "/data/in.txt", "/data/more/m.txt").Ok();
        File.WriteAllText(Work("in.txt"), "while stopped\n");
        Directory.CreateDirectory(Work("more"));
        File.WriteAllText(Work("more/m.txt"), "a directory too\n");

        _host.Run("cp", Work("in.txt"), "s1:/data").Ok();
        _host.Run("cp", Work("more"), "s1:/data/more").Ok();
        Assert.Equal("while stopped\na directory too\n", _host.Run("start", "-a", "s1").Ok().Stdout);

        _host.Run("wait", "s1").Ok();
        _host.Run("cp", "s1:/data/in.txt", Work("back.txt")).Ok();
        Assert.Equal("while stopped\n", File.ReadAllText(Work("back.txt")));
        // Nothing stays mounted in the container's bundle.
        Assert.DoesNotContain(Support.TestRoot.MountsUnder(_host.Root.RunRoot), m => m.Contains("/fs-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dash_streams_a_tar_out_and_in()
    {
        Running("c3");
        WaitReady("c3");
        var tar = _host.Run("cp", "c3:/data", "-").Ok().StdoutBytes;
        var entries = ReadTar(tar);
        Assert.Equal("from the image\n", entries["data/seed.txt"]);
        Assert.Contains("data/", entries.Keys);

        var input = new MemoryStream();
        using (var writer = new TarWriter(input, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "pkg/") { Mode = (UnixFileMode)0x1ED });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "pkg/hello.txt") { DataStream = new MemoryStream("from stdin\n"u8.ToArray()) });
        }
        _host.Berth.Exec(["cp", "-", "c3:/tmp"], stdin: input.ToArray()).Ok();
        Assert.Equal("from stdin\n", _host.Run("exec", "c3", "cat", "/tmp/pkg/hello.txt").Ok().Stdout);

        // A tar on stdin needs a directory to land in.
        _host.Berth.Exec(["cp", "-", "c3:/data/seed.txt"], stdin: input.ToArray()).FailsWith(1, "must be a directory");
    }

    [Fact]
    public void Symlinks_are_resolved_inside_the_container_never_on_the_host()
    {
        Running("c4", "ln -s /etc/passwd /link && ln -s ../../../../../../etc /up");
        WaitReady("c4");
        var containerPasswd = _host.Run("exec", "c4", "cat", "/etc/passwd").Ok().Stdout;
        Assert.Contains("alice:x:1000", containerPasswd);

        _host.Run("cp", "-L", "c4:/link", Work("followed")).Ok();
        Assert.Equal(containerPasswd, File.ReadAllText(Work("followed")));
        _host.Run("cp", "c4:/up/passwd", Work("through")).Ok();
        Assert.Equal(containerPasswd, File.ReadAllText(Work("through")));
        // Without -L the link itself is copied.
        _host.Run("cp", "c4:/link", Work("asis")).Ok();
        Assert.Equal("/etc/passwd", new FileInfo(Work("asis")).LinkTarget);

        // Into the container, a symlink destination is followed inside it as well.
        File.WriteAllText(Work("x.txt"), "via the link\n");
        _host.Run("cp", Work("x.txt"), "c4:/up/").Ok();
        Assert.Equal("via the link\n", _host.Run("exec", "c4", "cat", "/etc/x.txt").Ok().Stdout);
    }

    [Fact]
    public void A_hostile_tar_cannot_write_outside_the_rootfs()
    {
        Running("c5");
        WaitReady("c5");
        var bait = Work("bait");
        var climbing = string.Concat(Enumerable.Repeat("../", 30)) + bait.TrimStart('/');
        foreach (var build in new Action<TarWriter>[]
        {
            w => w.WriteEntry(Entry(climbing)),
            w => w.WriteEntry(Entry(bait)),
            w =>
            {
                w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "escape") { LinkName = Path.GetDirectoryName(bait)! });
                w.WriteEntry(Entry("escape/bait"));
            },
            w =>
            {
                w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "up") { LinkName = string.Concat(Enumerable.Repeat("../", 30)) });
                w.WriteEntry(Entry("up/" + bait.TrimStart('/')));
            },
        })
        {
            var tar = new MemoryStream();
            using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true)) build(writer);
            var result = _host.Berth.Exec(["cp", "-", "c5:/tmp"], stdin: tar.ToArray());
            Assert.NotEqual(0, result.ExitCode);
            Assert.False(File.Exists(bait), "the tar wrote outside the container");
        }
    }

    [Fact]
    public void Bad_arguments_are_refused_with_dockers_errors()
    {
        Running("c6");
        WaitReady("c6");
        File.WriteAllText(Work("f"), "x");
        _host.Run("cp", "c6:/no/such", Work("out")).OneLineError("Could not find the file /no/such in container c6");
        _host.Run("cp", "ghost:/etc/passwd", Work("out")).OneLineError("No such container: ghost");
        _host.Run("cp", Work("f"), "ghost:/tmp").OneLineError("No such container: ghost");
        _host.Run("cp", "c6:/etc/passwd", "c6:/tmp").OneLineError("copying between containers is not supported");
        _host.Run("cp", Work("f"), Work("g")).OneLineError("must specify at least one container source");
        _host.Run("cp", Work("missing"), "c6:/tmp").OneLineError("no such file or directory");
        _host.Run("cp", Work("f"), "c6:/no/such/dir/").FailsWith(1);
        _host.Run("cp", "c6:/etc/passwd").FailsWith(125);
        Assert.False(File.Exists(Work("out")));
    }

    private static PaxTarEntry Entry(string name) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("pwned\n"u8.ToArray()) };

    internal static Dictionary<string, string> ReadTar(byte[] tar)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            var text = "";
            if (entry.DataStream is { } data)
            {
                using var memory = new MemoryStream();
                data.CopyTo(memory);
                text = Encoding.UTF8.GetString(memory.ToArray());
            }
            entries[entry.Name] = entry.EntryType == TarEntryType.SymbolicLink ? "-> " + entry.LinkName : text;
        }
        return entries;
    }

    public void Dispose() => _host.Dispose();
}
