using Berth.Runtime.Oci;
using Berth.Runtime.Tests.Processes;

namespace Berth.Runtime.Tests.Oci;

public sealed class CgroupAttachPrimerTests
{
    [Theory]
    [InlineData("0::/user.slice/session-1.scope", true, "/sys/fs/cgroup/user.slice/session-1.scope/cgroup.procs")]
    [InlineData("0::/", true, "/sys/fs/cgroup/cgroup.procs")]
    [InlineData("0::/berth/c1", false, "/sys/fs/cgroup/unified/berth/c1/cgroup.procs")]
    [InlineData("9:name=systemd:/", false, "/sys/fs/cgroup/systemd/cgroup.procs")]
    [InlineData("4:memory:/process_api/2aea", false, "/sys/fs/cgroup/memory/process_api/2aea/cgroup.procs")]
    [InlineData("2:cpu,cpuacct:/docker/abc", false, "/sys/fs/cgroup/cpu,cpuacct/docker/abc/cgroup.procs")]
    public void FindsTheProcsFileOfALineAtTheStandardMounts(string line, bool unifiedAtRoot, string expected) =>
        Assert.Equal(expected, CgroupAttachPrimer.ProcsFileOf(line, unifiedAtRoot));

    [Theory]
    [InlineData("4:memory:/docker/abc", true)] // a v1 line cannot be under a v2 mount at the root
    [InlineData("1::/x", false)] // a v1 hierarchy with no controllers and no name
    [InlineData("0::relative", false)]
    [InlineData("0::/../../etc", false)]
    [InlineData("0::/a/../../etc", true)]
    [InlineData("garbage", false)]
    [InlineData("", true)]
    public void RefusesLinesOfAnotherShape(string line, bool unifiedAtRoot) =>
        Assert.Null(CgroupAttachPrimer.ProcsFileOf(line, unifiedAtRoot));

    [Fact]
    public void MovesThisProcessIntoTheCgroupsItIsIn_ChangingNothing()
    {
        if (TestSyscalls.Geteuid() != 0) return; // only root may write cgroup.procs
        var before = File.ReadAllText("/proc/self/cgroup");

        Assert.True(CgroupAttachPrimer.MoveIntoOwnCgroup());

        Assert.Equal(before, File.ReadAllText("/proc/self/cgroup"));
    }
}
