using Berth.Runtime.Processes;
using Berth.Runtime.Tests.Processes;

namespace Berth.Runtime.Tests.Oci;

/// <summary>A fact that runs real containers: needs root, runc on PATH and a static busybox for the rootfs.</summary>
internal sealed class RuncFactAttribute : FactAttribute
{
    public RuncFactAttribute()
    {
        if (TestSyscalls.Geteuid() != 0) Skip = "needs root: runc creates namespaces and cgroups";
        else if (ExecutableLookup.Find("runc") is null) Skip = "needs runc on PATH";
        else if (!File.Exists(TestBundle.Busybox)) Skip = $"needs a static busybox at {TestBundle.Busybox} for the rootfs";
    }
}
