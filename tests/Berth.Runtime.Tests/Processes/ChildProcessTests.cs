using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Processes;
using Berth.Testing;
using Microsoft.Win32.SafeHandles;
using static Berth.Runtime.Tests.Processes.SpawnRunner;

namespace Berth.Runtime.Tests.Processes;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task Spawn_WritesToTheGivenStdout_AndReportsTheExitCode()
    {
        using var reaper = ChildReaper.ForChildren();
        var (status, output) = await ShellAsync(reaper, "echo hello; exit 7");
        Assert.Equal("hello\n", output);
        Assert.Equal(ExitStatus.Exited(7), status);
    }

    [Fact]
    public async Task Spawn_BareName_IsLookedUpOnPath()
    {
        using var reaper = ChildReaper.ForChildren();
        var (status, output) = await RunAsync(reaper, new SpawnOptions { Path = "busybox", Args = ["echo", "found"] });
        Assert.Equal("found\n", output);
        Assert.Equal(0, status.Code);
    }

    [Fact]
    public void Spawn_MissingExecutable_IsNotFound()
    {
        var bare = Assert.Throws<BerthException>(() => ChildProcess.Spawn(new SpawnOptions { Path = "no-such-tool-berth" }));
        Assert.Equal(ErrorKind.NotFound, bare.Kind);
        Assert.Contains("executable file not found", bare.Message);

        var absolute = Assert.Throws<BerthException>(() => ChildProcess.Spawn(new SpawnOptions { Path = "/no/such/tool" }));
        Assert.Equal(ErrorKind.NotFound, absolute.Kind);
        Assert.Contains("/no/such/tool", absolute.Message);
    }

    [Fact]
    public void Spawn_NonExecutableFile_IsPermissionDenied()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["script"], "echo hi\n");
        var e = Assert.Throws<BerthException>(() => ChildProcess.Spawn(new SpawnOptions { Path = dir["script"] }));
        Assert.Equal(ErrorKind.PermissionDenied, e.Kind);
    }

    [Fact]
    public async Task Spawn_ChildSignalMaskAndDispositions_AreReset()
    {
        using var reaper = ChildReaper.ForChildren();

        // The .NET runtime ignores SIGPIPE and blocks signals on its threads; a child must start with standard
        // signals unblocked and at their defaults. glibc's posix_spawn itself leaves its two internal real-time
        // signals (32, 33) ignored, which the next program's libc or Go runtime takes over again.
        var (_, output) = await RunAsync(reaper, new SpawnOptions { Path = Busybox, Args = ["grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"] });
        var masks = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(l => l.Split(':')[0], l => Convert.ToUInt64(l.Split('\t')[1], 16));
        Assert.Equal(0UL, masks["SigBlk"]);
        Assert.Equal(0UL, masks["SigIgn"] & 0x7fffffffUL);
    }

    [Fact]
    public async Task Spawn_InheritsOnlyTheNamedDescriptors()
    {
        using var reaper = ChildReaper.ForChildren();
        var (extraRead, extraWrite) = Pipe.Create();
        var leaked = TestSyscalls.Dup((int)extraWrite.DangerousGetHandle()); // no O_CLOEXEC on purpose
        Assert.True(leaked > 3);
        try
        {
            string output;
            using (extraRead)
            {
                using (extraWrite)
                {
                    (_, output) = await RunAsync(reaper, new SpawnOptions
                    {
                        Path = Busybox,
                        Args = ["sh", "-c", $"echo extra >&3; [ -e /proc/self/fd/{leaked} ] && echo leaked; [ -e /proc/self/fd/4 ] && echo four; echo done"],
                        ExtraFds = [extraWrite],
                    });
                }

                TestSyscalls.Close(leaked);
                leaked = -1;
                using var reader = new StreamReader(new FileStream(extraRead, FileAccess.Read, 1));
                Assert.Equal("extra\n", await reader.ReadToEndAsync());
            }

            Assert.Equal("done\n", output);
        }
        finally
        {
            if (leaked >= 0) TestSyscalls.Close(leaked);
        }
    }

    [Fact]
    public async Task Spawn_MapsDescriptorsThatCollideWithTargetNumbers()
    {
        // Hand the child our descriptors in swapped order: naive dup2 in sequence would clobber one with the other.
        using var reaper = ChildReaper.ForChildren();
        var (firstRead, firstWrite) = Pipe.Create();
        var (secondRead, secondWrite) = Pipe.Create();
        using (firstRead)
        using (secondRead)
        {
            using (firstWrite)
            using (secondWrite)
            {
                var pid = ChildProcess.Spawn(new SpawnOptions
                {
                    Path = Busybox,
                    Args = ["sh", "-c", "echo one >&3; echo two >&4"],
                    ExtraFds = [secondWrite, firstWrite],
                });
                Assert.Equal(0, (await reaper.WaitAsync(pid, CancellationToken.None)).Code);
            }

            Assert.Equal("two\n", await new StreamReader(new FileStream(firstRead, FileAccess.Read, 1)).ReadToEndAsync());
            Assert.Equal("one\n", await new StreamReader(new FileStream(secondRead, FileAccess.Read, 1)).ReadToEndAsync());
        }
    }

    [Fact]
    public async Task Spawn_PassesStdinEnvironmentAndWorkingDirectory()
    {
        using var reaper = ChildReaper.ForChildren();
        using var dir = new TempDir();
        File.WriteAllText(dir["input"], "from stdin");
        using var stdin = File.OpenHandle(dir["input"]);
        var (status, output) = await RunAsync(reaper, new SpawnOptions
        {
            Path = Busybox,
            Args = ["sh", "-c", "cat; echo; echo \"$ONLY\"; echo \"${HOME:-unset}\"; pwd"],
            Env = ["ONLY=this", "PATH=/bin"],
            Stdin = stdin,
            WorkingDirectory = dir.Path,
        });
        Assert.Equal(0, status.Code);
        Assert.Equal($"from stdin\nthis\nunset\n{dir.Path}\n", output);
    }

    [Fact]
    public async Task Spawn_NullStreams_AreDevNull()
    {
        using var reaper = ChildReaper.ForChildren();
        var (_, output) = await ShellAsync(reaper, "readlink /proc/self/fd/0; cat; echo end; readlink /proc/self/fd/2");
        Assert.Equal("/dev/null\nend\n/dev/null\n", output);
    }

    [Fact]
    public async Task Spawn_NewSession_MakesTheChildASessionLeader()
    {
        using var reaper = ChildReaper.ForChildren();
        foreach (var newSession in new[] { true, false })
        {
            var (_, output) = await RunAsync(reaper, new SpawnOptions
            {
                Path = Busybox,
                Args = ["sh", "-c", "read -r line < /proc/self/stat; set -- ${line#*) }; echo $$ $4"],
                NewSession = newSession,
            });
            var fields = output.Split(' ', StringSplitOptions.TrimEntries);
            Assert.Equal(newSession, fields[0] == fields[1]);
        }
    }

    [Fact]
    public void Spawn_ArgumentWithNulByte_IsInvalid()
    {
        var e = Assert.Throws<BerthException>(() => ChildProcess.Spawn(new SpawnOptions { Path = Busybox, Args = ["echo", "a\0b"] }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Spawn_ClosedHandle_IsRejectedBeforeAnythingStarts()
    {
        var closed = new SafeFileHandle(0, ownsHandle: false);
        closed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ChildProcess.Spawn(new SpawnOptions { Path = Busybox, Stdout = closed }));
    }
}
