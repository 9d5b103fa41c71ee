using Berth.Engine.Containers;
using Berth.Engine.Tests.Support;
using Berth.Linux;

namespace Berth.Engine.Tests.Containers;

public sealed class StepExecutableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-step-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [RootFact]
    public void TheDescriptor_ReadsTheProgram_AndCannotBeReopenedForWriting()
    {
        var program = Path.Combine(_directory, "program");
        File.WriteAllText(program, "the step");
        var scratch = Directory.CreateDirectory(Path.Combine(_directory, "bundle")).FullName;

        using var step = StepExecutable.Open(program, scratch);

        var content = new byte[64];
        Assert.Equal("the step", System.Text.Encoding.UTF8.GetString(content, 0, RandomAccess.Read(step, content, 0)));
        // As a container's process could try through /proc/PID/exe while the step runs.
        var reopened = $"/proc/self/fd/{step.DangerousGetHandle()}";
        var error = Assert.ThrowsAny<IOException>(() => File.OpenHandle(reopened, FileMode.Open, FileAccess.Write).Dispose());
        Assert.Contains("Read-only file system", error.Message);
        // The host's file stays writable, nothing is left in the scratch directory and nothing stays mounted.
        File.AppendAllText(program, "!");
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), line => line.Contains(_directory, StringComparison.Ordinal));
    }

    [RootFact]
    public void TheKernelsMountApi_OpensWithoutAMountPoint()
    {
        // Linux 5.12 and later: the path every start and exec takes here, not the fallback through a scratch mount.
        var program = Path.Combine(_directory, "program");
        File.WriteAllText(program, "x");
        using var opened = DetachedMounts.OpenReadOnly(program);
        Assert.NotNull(opened);
    }
}
