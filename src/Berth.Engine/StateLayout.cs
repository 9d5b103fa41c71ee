namespace Berth.Engine;

/// <summary>The on-disk layout of a state root (DESIGN.md, "On-disk layout"): the one place that knows it.</summary>
internal sealed class StateLayout(string root, string runRoot, string storageDriver)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string RunRoot { get; } = Path.GetFullPath(runRoot);
    public string Content => Path.Combine(Root, "content");
    public string Snapshots => Path.Combine(Root, "snapshots", storageDriver);
    public string Database => Path.Combine(Root, "berth.db");
    public string Temp => Path.Combine(Root, "tmp");
    public string VolumesDirectory => Path.Combine(Root, "volumes");
    public string StoreLock => Path.Combine(Root, "store.lock");

    public void Create()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Temp);
        Directory.CreateDirectory(Snapshots);
        Directory.CreateDirectory(VolumesDirectory);
        Directory.CreateDirectory(RunRoot);
    }
}
