namespace Berth.Snapshots.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Snapshots_ReferencesNoBerthAssemblyButOciAndLinux()
    {
        // DESIGN.md: snapshots never see images, content, the runtime or the engine; they meet them at mounts.
        var berth = typeof(ISnapshotter).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Berth.", StringComparison.Ordinal));

        Assert.All(berth, name => Assert.Contains(name, new[] { "Berth.Oci", "Berth.Linux" }));
    }
}
