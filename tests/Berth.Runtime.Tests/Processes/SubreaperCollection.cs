namespace Berth.Runtime.Tests.Processes;

/// <summary>
/// Tests that make the test host a child subreaper. A subreaper's waitpid(-1) would steal the statuses other
/// tests wait for, so this collection runs alone, after every parallel collection, sharing one reaper.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SubreaperCollection : ICollectionFixture<SubreaperFixture>
{
    public const string Name = "subreaper";
}
