namespace Berth.Runtime.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void The_runtime_assembly_loads() =>
        Assert.Equal("Berth.Runtime", typeof(Berth.Runtime.RuntimeAssembly).Assembly.GetName().Name);
}
