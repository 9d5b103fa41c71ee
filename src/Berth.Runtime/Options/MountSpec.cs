using Berth.Oci;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Options;

/// <summary>
/// One <c>--mount</c> (docker CLI opts/mount.go, then the daemon's mount validation): type defaults to
/// volume; keys type, source|src, target|destination|dst, readonly|ro[=bool], bind-propagation,
/// bind-nonrecursive, volume-nocopy, volume-label, volume-driver, volume-opt, tmpfs-size, tmpfs-mode, consistency.
/// </summary>
public sealed partial record MountSpec
{
    public MountType Type { get; init; } = MountType.Volume;

    /// <summary>Host path (bind), volume name (volume; null when anonymous); never set for tmpfs.</summary>
    public string? Source { get; init; }
    public required string Target { get; init; }
    public bool ReadOnly { get; init; }
    public string? BindPropagation { get; init; }
    public bool BindNonRecursive { get; init; }
    public bool VolumeNoCopy { get; init; }
    public string? VolumeDriver { get; init; }
    public IReadOnlyDictionary<string, string> VolumeLabels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> VolumeOptions { get; init; } = new Dictionary<string, string>();
    public long TmpfsSizeBytes { get; init; }

    /// <summary>tmpfs-mode as permission bits (octal on the command line).</summary>
    public uint TmpfsMode { get; init; }

    /// <summary>
    /// The OCI mount for it. <paramref name="resolvedSource"/> is the host directory of a volume (ignored
    /// for binds and tmpfs).
    /// </summary>
    public OciMount ToOciMount(string? resolvedSource = null)
    {
        var target = MountPaths.Clean(Target);
        return Type switch
        {
            MountType.Tmpfs => TmpfsOptions.ToMount(target, TmpfsData()),
            MountType.Bind => new OciMount
            {
                Destination = target, Type = "bind", Source = Source,
                Options = Propagation.BindOptions(ReadOnly, BindPropagation ?? Propagation.Default, !BindNonRecursive),
            },
            _ => new OciMount
            {
                Destination = target, Type = "bind",
                Source = resolvedSource ?? throw BerthException.Invalid($"volume for {Target} has no host directory"),
                Options = Propagation.BindOptions(ReadOnly, null),
            },
        };
    }

    /// <summary>Docker's conversion of tmpfs-size and tmpfs-mode: the largest whole k/m/g unit, octal mode.</summary>
    private List<string> TmpfsData()
    {
        var options = new List<string>();
        if (ReadOnly) options.Add("ro");
        if (TmpfsMode != 0) options.Add("mode=" + Convert.ToString(TmpfsMode, 8));
        if (TmpfsSizeBytes != 0)
        {
            var size = TmpfsSizeBytes;
            var suffix = "";
            foreach (var unit in new[] { "k", "m", "g" })
            {
                if (size % 1024 != 0) break;
                size /= 1024;
                suffix = unit;
            }
            options.Add($"size={size}{suffix}");
        }
        return options;
    }
}
