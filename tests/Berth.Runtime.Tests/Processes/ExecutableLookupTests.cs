using Berth.Runtime.Processes;
using Berth.Testing;

namespace Berth.Runtime.Tests.Processes;

public sealed class ExecutableLookupTests
{
    [Fact]
    public void Find_SkipsNonExecutablesAndDirectories_AndFindsTheExecutableLaterOnThePath()
    {
        using var dir = new TempDir();
        var first = Directory.CreateDirectory(dir["a"]).FullName;
        var second = Directory.CreateDirectory(dir["b"]).FullName;
        var third = Directory.CreateDirectory(dir["c"]).FullName;
        File.WriteAllText(Path.Combine(first, "tool"), "not executable");
        Directory.CreateDirectory(Path.Combine(second, "tool"));
        Directory.CreateDirectory(Path.Combine(second, "tool2"));
        var tool = Path.Combine(third, "tool");
        File.WriteAllText(tool, "#!/bin/sh\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal(tool, ExecutableLookup.Find("tool", $"{first}::{second}:{third}"));
        Assert.Null(ExecutableLookup.Find("tool2", $"{first}:{second}:{third}"));
        Assert.Null(ExecutableLookup.Find("missing", $"{first}:{second}:{third}"));
        Assert.Null(ExecutableLookup.Find("", third));
    }

    [Fact]
    public void Find_NameWithSlash_IsUsedAsIs()
    {
        Assert.Equal("/bin/busybox", ExecutableLookup.Find("/bin/busybox", "/nonexistent"));
        Assert.Null(ExecutableLookup.Find("/etc/hostname-that-is-missing"));
        Assert.Null(ExecutableLookup.Find("/etc"));
    }
}
