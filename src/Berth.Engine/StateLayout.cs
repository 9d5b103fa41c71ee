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

    /// <summary>Per-container persistent files: json log, hosts, hostname, resolv.conf.</summary>
    public string ContainerDirectory(string id) => Path.Combine(Root, "containers", id);

    /// <summary>Per-container runtime files: the OCI bundle (config.json, rootfs mount point), monitor lock and sockets.</summary>
    public string BundleDirectory(string id) => Path.Combine(RunRoot, "containers", id);

    /// <summary>The OCI runtime's own state root (runc --root), private to this run root.</summary>
    public string RuntimeStateRoot => Path.Combine(RunRoot, "runtime");

    /// <summary>Compiled seccomp programs (<see cref="Berth.Runtime.Seccomp.SeccompProgramCache"/>).</summary>
    public string SeccompPrograms => Path.Combine(RunRoot, "seccomp");

    public void Create()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Temp);
        Directory.CreateDirectory(Snapshots);
        Directory.CreateDirectory(VolumesDirectory);
        Directory.CreateDirectory(RunRoot);
    }
}
