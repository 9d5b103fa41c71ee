using Berth.Runtime.Seccomp;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Seccomp;

public sealed class SeccompStepTests
{
    private static readonly OciProcess Process = new()
    {
        Args = ["sh", "-c", "echo hi"],
        Capabilities = new LinuxCapabilities
        {
            Bounding = ["CAP_CHOWN", "CAP_SETPCAP"],
            Effective = ["CAP_CHOWN"],
            Permitted = ["CAP_CHOWN"],
        },
    };

    [Fact]
    public void Wrap_PutsTheStepFirst_AndLendsItAdminAndSetpcapInEverySet()
    {
        var wrapped = SeccompStep.Wrap(Process);

        Assert.Equal(["/proc/self/fd/4", SeccompStep.Marker], wrapped.Args.Take(2));
        Assert.Equal(["--", "sh", "-c", "echo hi"], wrapped.Args.Skip(3));
        var caps = wrapped.Capabilities!;
        foreach (var set in new[] { caps.Bounding, caps.Effective, caps.Permitted, caps.Inheritable, caps.Ambient })
        {
            Assert.Contains("CAP_SYS_ADMIN", set);
            Assert.Contains("CAP_SETPCAP", set);
        }
        Assert.Single(caps.Bounding, "CAP_SETPCAP");
    }

    [Fact]
    public void Unwrap_GivesBackTheSpecsOwnProcess()
    {
        var own = SeccompStep.Unwrap(SeccompStep.Wrap(Process))!;

        Assert.Equal(Process.Args, own.Args);
        Assert.Equal(["CAP_CHOWN", "CAP_SETPCAP"], own.Capabilities!.Bounding);
        Assert.Equal(["CAP_CHOWN"], own.Capabilities.Effective);
        Assert.Empty(own.Capabilities.Inheritable);
        Assert.Empty(own.Capabilities.Ambient);
    }

    [Fact]
    public void Unwrap_OfAnOrdinaryProcess_IsNull() => Assert.Null(SeccompStep.Unwrap(Process));

    [Fact]
    public void TheStepsProgram_ReadsTheDescriptorsAndMarkerThatWrapPasses()
    {
        var source = File.ReadAllText(StepSource());

        Assert.Contains($"#define PROGRAM_FD {SeccompStep.ProgramFd}\n", source);
        Assert.Contains($"#define EXECUTABLE_FD {SeccompStep.ExecutableFd}\n", source);
        Assert.Contains($"#define ERROR_FD {SeccompStep.ErrorFd}\n", source);
        Assert.Contains($"marker[] = \"{SeccompStep.Marker}\";", source);
        Assert.Equal($"/proc/self/fd/{SeccompStep.ExecutableFd}", SeccompStep.Wrap(Process).Args[0]);
    }

    private static string StepSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Berth.SeccompStep", "berth-seccomp-step.c");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("src/Berth.SeccompStep/berth-seccomp-step.c not found above the test's directory");
    }
}
