using Berth.Runtime.Processes;

namespace Berth.Runtime.Tests.Processes;

/// <summary>The test host's one subreaper for the <see cref="SubreaperCollection"/>; disposing clears the flag.</summary>
public sealed class SubreaperFixture : IDisposable
{
    public ChildReaper Reaper { get; } = ChildReaper.BecomeSubreaper();

    public void Dispose() => Reaper.Dispose();
}
