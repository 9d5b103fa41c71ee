using Berth.Runtime.Processes;

namespace Berth.Runtime.Tests.Processes;

public sealed class ExitStatusTests
{
    [Theory]
    [InlineData(0x0000, 0)]
    [InlineData(0x0700, 7)]
    [InlineData(0xff00, 255)]
    public void FromWaitStatus_NormalExit_GivesTheCode(int status, int code)
    {
        var exit = ExitStatus.FromWaitStatus(status);
        Assert.Equal(code, exit.Code);
        Assert.Null(exit.Signal);
        Assert.Equal(code, exit.DockerExitCode);
    }

    [Theory]
    [InlineData(15, 143)]
    [InlineData(9, 137)]
    [InlineData(9 | 0x80, 137)] // core dumped flag
    public void FromWaitStatus_KilledBySignal_GivesDockers128PlusSignal(int status, int docker)
    {
        var exit = ExitStatus.FromWaitStatus(status);
        Assert.Null(exit.Code);
        Assert.Equal(docker - 128, exit.Signal);
        Assert.Equal(docker, exit.DockerExitCode);
    }

    [Fact]
    public void FromWaitStatus_StoppedChild_IsRejected() =>
        Assert.Throws<ArgumentException>(() => ExitStatus.FromWaitStatus(0x137f));
}
