using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Engine.Volumes;
using Berth.Oci;
using Berth.Runtime.Options;

namespace Berth.Engine.Containers;

/// <summary>
/// Turns <c>-v</c> binds, <c>--mount</c> specifications and the image's VOLUMEs into the container's mount points,
/// with Docker's rules: <c>-v</c> creates a missing host directory while <c>--mount type=bind</c> refuses it, a
/// named volume is created on first use, every VOLUME not covered by a mount becomes an anonymous volume, and
/// two mounts on one path are an error. tmpfs mounts are not mount points (Docker lists them only in HostConfig).
/// <c>--volumes-from</c> takes another container's mount points (its volumes then count as used by this one too),
/// under which this container's own mounts win on the same path.
/// </summary>
internal static class MountPlanner
{
    public static IReadOnlyList<MountPoint> Plan(ContainerRecord record, VolumeService volumes, MetadataTransaction t, Func<string, ContainerRecord> containerOf)
    {
        var planned = new List<MountPoint>();
        var host = record.HostConfig;
        foreach (var bind in host.Binds ?? [])
        {
            var spec = VolumeSpec.Parse(bind);
            planned.Add(spec.Type == MountType.Bind
                ? BindFromFlag(spec)
                : VolumeMount(volumes.EnsureForContainer(t, spec.Source, record.Id), spec.Target, spec.ReadOnly, spec.NoCopy ? "nocopy" : spec.Mode));
        }
        foreach (var mount in host.Mounts ?? [])
        {
            switch (mount.Type)
            {
                case "bind":
                    if (!Path.Exists(mount.Source))
                        throw BerthException.Invalid($"invalid mount config for type \"bind\": bind source path does not exist: {mount.Source}");
                    planned.Add(new MountPoint
                    {
                        Type = "bind", Source = mount.Source, Destination = mount.Target, RW = !mount.ReadOnly,
                        Propagation = mount.BindPropagation ?? "rprivate",
                    });
                    break;
                case "volume":
                    var volume = volumes.EnsureForContainer(t, mount.Source.Length > 0 ? mount.Source : null, record.Id);
                    planned.Add(VolumeMount(volume, mount.Target, mount.ReadOnly, mount.VolumeNoCopy == true ? "nocopy" : ""));
                    break;
                case "tmpfs":
                    break;
                default:
                    throw BerthException.Invalid($"invalid mount config: mount type unknown: \"{mount.Type}\"");
            }
        }

        var tmpfsTargets = (host.Tmpfs?.Keys ?? []).Concat((host.Mounts ?? []).Where(m => m.Type == "tmpfs").Select(m => m.Target)).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in planned.Select(p => p.Destination).Concat(tmpfsTargets))
        {
            if (!target.StartsWith('/'))
                throw BerthException.Invalid($"invalid mount config: invalid mount path: '{target}' mount path must be absolute");
            if (!taken.Add(Clean(target))) throw BerthException.Invalid($"Duplicate mount point: {Clean(target)}");
        }
        foreach (var inherited in VolumesFrom(host.VolumesFrom ?? [], containerOf))
        {
            if (!taken.Add(inherited.Destination)) continue;
            if (inherited.Type == "volume" && inherited.Name is { } name) volumes.EnsureForContainer(t, name, record.Id);
            planned.Add(inherited);
        }
        foreach (var path in (record.Config.Volumes?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            if (taken.Contains(Clean(path))) continue;
            taken.Add(Clean(path));
            planned.Add(VolumeMount(volumes.EnsureForContainer(t, null, record.Id), Clean(path), readOnly: false, mode: ""));
        }
        return planned;
    }

    // "NAME[:ro|rw]": the container's mount points, read-only or writable as asked, else as they are there.
    private static IEnumerable<MountPoint> VolumesFrom(IReadOnlyList<string> sources, Func<string, ContainerRecord> containerOf)
    {
        foreach (var source in sources)
        {
            var separator = source.LastIndexOf(':');
            var (name, mode) = separator > 0 ? (source[..separator], source[(separator + 1)..]) : (source, "");
            if (mode is not ("" or "ro" or "rw")) throw BerthException.Invalid($"invalid mode: {mode}");
            foreach (var mount in containerOf(name).Mounts)
                yield return mode.Length == 0 ? mount : mount with { RW = mode == "rw" };
        }
    }

    private static MountPoint BindFromFlag(VolumeSpec spec)
    {
        // docker run -v /host/dir:/x creates a missing host directory (a long-standing compatibility rule).
        if (!Path.Exists(spec.Source)) Directory.CreateDirectory(spec.Source!);
        return new MountPoint
        {
            Type = "bind", Source = spec.Source!, Destination = Clean(spec.Target), Mode = spec.Mode, RW = !spec.ReadOnly,
            Propagation = spec.Propagation ?? "rprivate",
        };
    }

    private static MountPoint VolumeMount(Volume volume, string destination, bool readOnly, string mode) => new()
    {
        Type = "volume", Name = volume.Name, Source = volume.Mountpoint, Destination = Clean(destination),
        Driver = volume.Driver, Mode = mode.Length > 0 ? mode : "z", RW = !readOnly,
    };

    private static string Clean(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
