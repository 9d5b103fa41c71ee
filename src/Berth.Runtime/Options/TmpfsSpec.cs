using Berth.Oci;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Options;

/// <summary>
/// One <c>--tmpfs CONTAINER[:OPTIONS]</c>: an absolute destination other than '/' and mount(8)-style tmpfs
/// options ("rw,size=64m,mode=1770"), checked with docker's rules.
/// </summary>
public sealed record TmpfsSpec(string Destination, IReadOnlyList<string> Options)
{
    public static TmpfsSpec Parse(string value)
    {
        var colon = value.IndexOf(':');
        var destination = colon < 0 ? value : value[..colon];
        var options = colon < 0 || colon == value.Length - 1 ? [] : value[(colon + 1)..].Split(',');
        if (MountPaths.TargetError(destination) is { } error) throw BerthException.Invalid(error);
        TmpfsOptions.Merge(options);
        return new TmpfsSpec(destination, options);
    }

    /// <summary>The OCI mount docker makes of it: its defaults merged with these options.</summary>
    public OciMount ToOciMount() => TmpfsOptions.ToMount(MountPaths.Clean(Destination), Options);
}
