using Berth.Cli.Tests.Containers;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Build;

/// <summary>
/// A test root with the busybox image as <see cref="BaseImage"/> and an empty context directory to write a
/// Dockerfile and files into. Dispose checks that builds left nothing mounted or running, then removes all.
/// </summary>
public sealed class BuildHost : IDisposable
{
    public const string BaseImage = "bb:latest";

    private readonly ContainerHost _containers = new();

    public BuildHost()
    {
        Context = Root.WorkPath("context");
        Directory.CreateDirectory(Context);
    }

    public TestRoot Root => _containers.Root;
    public string Context { get; }

    public BerthResult Run(params string[] args) => Root.Berth.Run(args);

    /// <summary>Writes a file into the context (directories created), returning its path.</summary>
    public string Write(string relative, string content)
    {
        var path = Path.Combine(Context, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Dockerfile(string text) => Write("Dockerfile", text);

    /// <summary><c>build --progress=plain</c> of the context with extra arguments.</summary>
    public BerthResult Build(params string[] args) => Root.Berth.Run(["build", "--progress=plain", .. args, Context]);

    /// <summary>Nothing a build holds may outlive it: no mounts under the state, no step bundles, no runtime state.</summary>
    public void AssertNothingLeft()
    {
        var mounts = TestRoot.MountsUnder(Root.StateRoot).Concat(TestRoot.MountsUnder(Root.RunRoot)).ToList();
        Assert.True(mounts.Count == 0, "mounts left: " + string.Join(", ", mounts));
        var builds = Path.Combine(Root.RunRoot, "builds");
        Assert.True(!Directory.Exists(builds) || Directory.GetFileSystemEntries(builds).Length == 0, "step bundles left in " + builds);
        var runtime = Path.Combine(Root.RunRoot, "runtime");
        Assert.True(!Directory.Exists(runtime) || Directory.GetDirectories(runtime).Length == 0, "runtime state left in " + runtime);
    }

    public void Dispose() => _containers.Dispose();
}
