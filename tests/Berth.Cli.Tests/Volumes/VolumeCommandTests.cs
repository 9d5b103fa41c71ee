using System.Text.Json;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Volumes;

/// <summary><c>berth volume</c> end to end with the real binary, each test on its own root.</summary>
public sealed class VolumeCommandTests
{
    [Fact]
    public void Create_PrintsTheNameAndIsIdempotent()
    {
        using var t = new TestRoot();
        Assert.Equal("data\n", t.Berth.Run("volume", "create", "data").Ok().Stdout);
        Assert.Equal("data\n", t.Berth.Run("volume", "create", "--label", "x=1", "data").Ok().Stdout);
        Assert.Equal("data\n", t.Berth.Run("volume", "create", "--name", "data").Ok().Stdout);
        Assert.Equal(["data"], t.Berth.Run("volume", "ls", "-q").Ok().Lines);
        Assert.True(Directory.Exists(Path.Combine(t.StateRoot, "volumes", "data", "_data")));
    }

    [Fact]
    public void Create_WithoutName_PrintsAGeneratedName()
    {
        using var t = new TestRoot();
        var name = t.Berth.Run("volume", "create").Ok().Stdout.TrimEnd('\n');
        Assert.Matches("^[0-9a-f]{64}$", name);
        Assert.Equal("{\"com.docker.volume.anonymous\":\"\"}\n", t.Berth.Run("volume", "inspect", "-f", "{{json .Labels}}", name).Ok().Stdout);
    }

    [Fact]
    public void Inspect_PrintsDockersJsonArray()
    {
        using var t = new TestRoot();
        t.Berth.Run("volume", "create", "--label", "b=2", "--label", "a", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=1m", "v1").Ok();
        var stdout = t.Berth.Run("volume", "inspect", "v1").Ok().Stdout;
        var mountpoint = Path.Combine(t.StateRoot, "volumes", "v1", "_data");
        var created = JsonDocument.Parse(stdout).RootElement[0].GetProperty("CreatedAt").GetString();
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", created);
        Assert.Equal($$"""
            [
                {
                    "CreatedAt": "{{created}}",
                    "Driver": "local",
                    "Labels": {
                        "a": "",
                        "b": "2"
                    },
                    "Mountpoint": "{{mountpoint}}",
                    "Name": "v1",
                    "Options": {
                        "device": "tmpfs",
                        "o": "size=1m",
                        "type": "tmpfs"
                    },
                    "Scope": "local"
                }
            ]

            """, stdout);
        Assert.Equal("v1 local\n", t.Berth.Run("volume", "inspect", "--format", "{{.Name}} {{.Driver}}", "v1").Ok().Stdout);
    }

    [Fact]
    public void Inspect_Missing_PrintsFoundOnesThenTheError()
    {
        using var t = new TestRoot();
        t.Berth.Run("volume", "create", "here").Ok();
        var r = t.Berth.Run("volume", "inspect", "-f", "{{.Name}}", "here", "gone");
        r.OneLineError();
        Assert.Equal("here\n", r.Stdout);
        Assert.Equal("Error: get gone: no such volume\n", r.Stderr);
    }

    [Fact]
    public void List_DefaultTableQuietJsonAndFilters()
    {
        using var t = new TestRoot();
        foreach (var name in new[] { "vol10", "vol9", "alpha" }) t.Berth.Run("volume", "create", name).Ok();
        t.Berth.Run("volume", "create", "--label", "tier=web", "web").Ok();
        Assert.Equal("DRIVER    VOLUME NAME\nlocal     alpha\nlocal     vol9\nlocal     vol10\nlocal     web\n",
            t.Berth.Run("volume", "ls").Ok().Stdout);
        Assert.Equal(["alpha", "vol9", "vol10", "web"], t.Berth.Run("volume", "list", "-q").Ok().Lines);
        Assert.Equal(["vol9", "vol10"], t.Berth.Run("volume", "ls", "-q", "--filter", "name=vol").Ok().Lines);
        Assert.Equal(["web"], t.Berth.Run("volume", "ls", "-q", "-f", "label=tier=web").Ok().Lines);
        Assert.Equal(["alpha", "vol9", "vol10", "web"], t.Berth.Run("volume", "ls", "-q", "-f", "dangling=true").Ok().Lines);
        Assert.Equal("web tier=web\n", t.Berth.Run("volume", "ls", "-f", "label=tier", "--format", "{{.Name}} {{.Labels}}").Ok().Stdout);
        var json = t.Berth.Run("volume", "ls", "--format", "json", "-f", "name=web").Ok().Stdout;
        var mountpoint = Path.Combine(t.StateRoot, "volumes", "web", "_data");
        Assert.Equal($"{{\"Availability\":\"N/A\",\"Driver\":\"local\",\"Group\":\"N/A\",\"Labels\":\"tier=web\",\"Links\":\"N/A\",\"Mountpoint\":\"{mountpoint}\",\"Name\":\"web\",\"Scope\":\"local\",\"Size\":\"N/A\",\"Status\":\"N/A\"}}\n", json);
        Assert.Equal("VOLUME NAME   SCOPE\nweb           local\n", t.Berth.Run("volume", "ls", "-f", "name=web", "--format", "table {{.Name}}\t{{.Scope}}").Ok().Stdout);
    }

    [Fact]
    public void Remove_PrintsNamesAndReportsFailuresAfterTheRest()
    {
        using var t = new TestRoot();
        t.Berth.Run("volume", "create", "one").Ok();
        t.Berth.Run("volume", "create", "two").Ok();
        var r = t.Berth.Run("volume", "rm", "one", "missing", "two");
        r.OneLineError();
        Assert.Equal("one\ntwo\n", r.Stdout);
        Assert.Equal("Error: get missing: no such volume\n", r.Stderr);
        Assert.Empty(t.Berth.Run("volume", "ls", "-q").Ok().Lines);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.StateRoot, "volumes")));
        // With -f a missing volume is not an error.
        Assert.Equal("missing\n", t.Berth.Run("volume", "remove", "-f", "missing").Ok().Stdout);
    }

    [Fact]
    public void Prune_AsksFirstAndRemovesAnonymousVolumesOnly()
    {
        using var t = new TestRoot();
        t.Berth.Run("volume", "create", "named").Ok();
        var anonymous = t.Berth.Run("volume", "create").Ok().Stdout.TrimEnd('\n');
        File.WriteAllBytes(Path.Combine(t.StateRoot, "volumes", anonymous, "_data", "f"), new byte[2000]);

        var declined = t.Berth.Exec(["volume", "prune"], stdin: "n\n"u8.ToArray()).Ok();
        Assert.Equal("WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ", declined.Stdout);
        Assert.Equal(2, t.Berth.Run("volume", "ls", "-q").Ok().Lines.Length);

        var pruned = t.Berth.Exec(["volume", "prune"], stdin: "y\n"u8.ToArray()).Ok();
        Assert.EndsWith($"[y/N] Deleted Volumes:\n{anonymous}\n\nTotal reclaimed space: 2kB\n", pruned.Stdout);
        Assert.Equal(["named"], t.Berth.Run("volume", "ls", "-q").Ok().Lines);
        Assert.Equal("Total reclaimed space: 0B\n", t.Berth.Run("volume", "prune", "-f").Ok().Stdout);
    }

    [Fact]
    public void Prune_All_UsesTheAllWarningAndRemovesNamedVolumes()
    {
        using var t = new TestRoot();
        t.Berth.Run("volume", "create", "--label", "keep", "kept").Ok();
        t.Berth.Run("volume", "create", "named").Ok();
        var declined = t.Berth.Exec(["volume", "prune", "-a"], stdin: "\n"u8.ToArray()).Ok();
        Assert.Equal("WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ", declined.Stdout);
        Assert.Equal("Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n", t.Berth.Run("volume", "prune", "-a", "-f", "--filter", "label!=keep").Ok().Stdout);
        Assert.Equal(["kept"], t.Berth.Run("volume", "ls", "-q").Ok().Lines);
    }

    [Theory]
    [InlineData(new[] { "volume", "create", "a/b" }, "Error: create a/b: \"a/b\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path")]
    [InlineData(new[] { "volume", "create", "-d", "flocker", "v1" }, "Error: create v1: error looking up volume plugin flocker: plugin \"flocker\" not found")]
    [InlineData(new[] { "volume", "create", "-o", "color=red", "v1" }, "Error: create v1: invalid option: \"color\"")]
    [InlineData(new[] { "volume", "create", "--name", "a1", "b1" }, "Error: conflicting options: either specify --name or provide positional arg, not both")]
    [InlineData(new[] { "volume", "ls", "--filter", "color=red" }, "Error: invalid filter 'color'")]
    [InlineData(new[] { "volume", "ls", "--filter", "dangling=maybe" }, "Error: invalid filter 'dangling=maybe'")]
    [InlineData(new[] { "volume", "prune", "-f", "--filter", "until=1h" }, "Error: invalid filter 'until'")]
    [InlineData(new[] { "volume", "prune", "-f", "-a", "--filter", "all=1" }, "Error: conflicting options: cannot specify both --all and --filter all=1")]
    [InlineData(new[] { "volume", "inspect", "nope" }, "Error: get nope: no such volume")]
    [InlineData(new[] { "volume", "rm", "nope" }, "Error: get nope: no such volume")]
    public void BadInput_FailsWithDockersMessageAndChangesNothing(string[] args, string message)
    {
        using var t = new TestRoot();
        var r = t.Berth.Run(args);
        r.OneLineError();
        Assert.Equal(message + "\n", r.Stderr);
        // inspect prints the (empty) array before its error, as docker does.
        Assert.Equal(args[1] == "inspect" ? "[]\n" : "", r.Stdout);
        Assert.Empty(t.Berth.Run("volume", "ls", "-q").Ok().Lines);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.StateRoot, "volumes")));
    }

    [Fact]
    public void SystemDf_CountsVolumesAndTheirSize()
    {
        using var t = new TestRoot();
        t.Berth.Run("volume", "create", "a1").Ok();
        t.Berth.Run("volume", "create", "a2").Ok();
        File.WriteAllBytes(Path.Combine(t.StateRoot, "volumes", "a1", "_data", "f"), new byte[3000]);
        var row = t.Berth.Run("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Size}}").Ok().Lines.Single(l => l.StartsWith("Local Volumes", StringComparison.Ordinal));
        Assert.Equal("Local Volumes 2 3kB", row);
    }
}
