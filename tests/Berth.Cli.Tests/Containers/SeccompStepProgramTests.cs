using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Containers;

/// <summary>
/// The published berth-seccomp-step on its own, outside any container, given its descriptors as the runtime
/// would (the program on 3, itself on 4, the report pipe on 5, here stderr): its command line, Go's command
/// lookup, docker's exit codes and runc's words for a command that cannot start.
/// </summary>
public sealed class SeccompStepProgramTests : IDisposable
{
    // One instruction, BPF_RET|BPF_K SECCOMP_RET_ALLOW: a filter that lets every call through.
    private static readonly byte[] AllowAll = [0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x7f];
    private const string AllSets = "ffffffffffffffff:ffffffffffffffff:ffffffffffffffff:0:0";
    private const string Report = "unable to start container process: ";

    private readonly string _dir = Directory.CreateTempSubdirectory("berth-step-").FullName;

    private static string Step => Path.Combine(Path.GetDirectoryName(RepoPaths.Binary)!, "berth-seccomp-step");

    [Fact]
    public void Executes_TheCommandUnderTheFilter_WithNoneOfTheStepsDescriptors()
    {
        var result = RunStep(AllowAll, "/usr/bin:/bin", "/bin/sh", "-c", "grep '^Seccomp:' /proc/self/status; ls /proc/self/fd");
        // The same listing without the step: stdio, ls's directory, and whatever this test process was given.
        var withoutStep = Tool.MustRun("/bin/sh", "-c", "ls /proc/self/fd").Stdout;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Seccomp:\t2\n" + withoutStep, result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void TheCommandIsLookedUpInPath_AsGoDoes()
    {
        var notExecutable = Directory.CreateDirectory(Path.Combine(_dir, "a")).FullName;
        var executable = Directory.CreateDirectory(Path.Combine(_dir, "b")).FullName;
        File.WriteAllText(Path.Combine(notExecutable, "tool"), "#!/bin/sh\necho a\n");
        File.WriteAllText(Path.Combine(executable, "tool"), "#!/bin/sh\necho b\n");
        File.SetUnixFileMode(Path.Combine(executable, "tool"), UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var result = RunStep(AllowAll, $"/no/such/dir:{notExecutable}/:{executable}", "tool");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("b\n", result.Stdout);
    }

    [Theory]
    [InlineData("no-such-command-3141", 127, "exec: \"no-such-command-3141\": executable file not found in $PATH")]
    [InlineData("/no/such/file", 127, "exec: \"/no/such/file\": stat /no/such/file: no such file or directory")]
    [InlineData("/etc", 126, "exec: \"/etc\": permission denied")]
    public void ACommandThatCannotStart_IsReportedAsRuncWordsIt(string command, int exitCode, string message)
    {
        var result = RunStep(AllowAll, "/no/such/dir::/also/missing", command);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(Report + message, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("--berth-seccomp-step", "zz:0:0:0:0", "--")]
    [InlineData("--berth-seccomp-step", "0:0:0:0", "--")]
    [InlineData("--berth-seccomp-step", "0:0:0:0:0:0", "--")]
    [InlineData("--other", "0:0:0:0:0", "--")]
    [InlineData("--berth-seccomp-step", "0:0:0:0:0", "true")]
    public void MalformedArguments_Are125(string marker, string sets, string end)
    {
        var result = RunRaw(AllowAll, "/bin", [marker, sets, end, "true"]);

        Assert.Equal(125, result.ExitCode);
        Assert.Equal(Report + "malformed seccomp step arguments", result.Stderr);
    }

    [Fact]
    public void AProgramThatIsNoWholeNumberOfInstructions_Is125()
    {
        var result = RunStep(AllowAll[..7], "/bin", "true");

        Assert.Equal(125, result.ExitCode);
        Assert.Equal(Report + "malformed seccomp program (7 bytes)", result.Stderr);
    }

    private Tool.Result RunStep(byte[] program, string searchPath, params string[] command) =>
        RunRaw(program, searchPath, ["--berth-seccomp-step", AllSets, "--", .. command]);

    // The step with a clean environment (PATH only) and its descriptors; its report goes to stderr.
    private Tool.Result RunRaw(byte[] program, string searchPath, string[] stepArgs)
    {
        var programFile = Path.Combine(_dir, "program.bpf");
        File.WriteAllBytes(programFile, program);
        return Tool.Run("/usr/bin/env", ["-i", $"PATH={searchPath}", "/bin/sh", "-c",
            "program=$1; shift; exec \"$@\" 3<\"$program\" 4<\"$1\" 5>&2", "sh", programFile, Step, .. stepArgs]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
