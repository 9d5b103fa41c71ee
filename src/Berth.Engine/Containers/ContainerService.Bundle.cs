using Berth.Archive;
using Berth.Engine.Models;
using Berth.Engine.Storage;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Options;
using Berth.Runtime.Spec;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// Mounts the container's rootfs on the bundle's rootfs directory and writes config.json: the user resolved
    /// from the image's own /etc/passwd and /etc/group, the working directory created, volumes populated, the
    /// host files bound, Docker's defaults applied by the spec builder. On failure the mount is undone.
    /// </summary>
    private async Task PrepareBundleAsync(StoredContainer container, ContainerPaths paths, StartOptions options, CancellationToken ct)
    {
        var record = container.Record;
        Directory.CreateDirectory(paths.Rootfs);
        Mounts.UnmountIfMounted(paths.Rootfs);
        var layer = record.HostConfig.AutoRemove ? _snapshotter.DisposableMounts(record.Id) : _snapshotter.Mounts(record.Id);
        foreach (var mount in layer) mount.MountTo(paths.Rootfs);
        try
        {
            if (record.HostConfig.IpcMode == SharedNamespaces.Shareable) MountShareableShm(paths, record.HostConfig.ShmSize);
            var spec = await BuildSpecAsync(record, paths, options, ct).ConfigureAwait(false);
            // A few kilobytes: written in place, without the thread-pool hop of an asynchronous write.
            ReplaceableFile.Write(paths.SpecFile, RuntimeSpecJson.Serialize(spec));
        }
        catch
        {
            Mounts.UnmountIfMounted(paths.ShmDirectory);
            Mounts.UnmountIfMounted(paths.Rootfs);
            throw;
        }
    }

    // Docker keeps a shareable container's /dev/shm on the host: a mount made in one container's mount namespace
    // cannot be bound into another's, a tmpfs on the host can be bound into both.
    private static void MountShareableShm(ContainerPaths paths, long size)
    {
        Directory.CreateDirectory(paths.ShmDirectory);
        Mounts.UnmountIfMounted(paths.ShmDirectory);
        var bytes = (size > 0 ? size : ContainerSpecOptions.DefaultShmSize).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Mounts.Mount("shm", paths.ShmDirectory, "tmpfs", MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec, $"mode=1777,size={bytes}");
    }

    private async Task<RuntimeSpec> BuildSpecAsync(ContainerRecord record, ContainerPaths paths, StartOptions start, CancellationToken ct)
    {
        var config = record.Config;
        var host = record.HostConfig;
        var user = UserResolver.Resolve(config.User,
            RootfsFiles.TryReadText(paths.Rootfs, "/etc/passwd"), RootfsFiles.TryReadText(paths.Rootfs, "/etc/group"), host.GroupAdd ?? []);
        var workingDir = config.WorkingDir.Length > 0 ? config.WorkingDir : "/";
        if (workingDir != "/") RootfsDirectories.Create(paths.Rootfs, workingDir);

        var mounts = new List<OciMount>();
        foreach (var mount in record.Mounts)
        {
            var target = RootfsDirectories.Create(paths.Rootfs, mount.Destination);
            if (mount.Type == "volume") await PrepareVolumeAsync(mount, target, ct).ConfigureAwait(false);
            var options = new List<string> { "rbind", mount.RW ? "rw" : "ro" };
            if (mount.Propagation.Length > 0) options.Add(mount.Propagation);
            mounts.Add(new OciMount { Destination = mount.Destination, Type = "bind", Source = mount.Source, Options = options });
        }
        foreach (var (target, tmpfsOptions) in host.Tmpfs ?? new Dictionary<string, string>())
            mounts.Add(TmpfsMount(target, tmpfsOptions.Length > 0 ? tmpfsOptions.Split(',') : []));
        foreach (var mount in (host.Mounts ?? []).Where(m => m.Type == "tmpfs"))
        {
            var options = new List<string>();
            if (mount.TmpfsSizeBytes is { } size) options.Add($"size={size}");
            if (mount.TmpfsMode is { } mode) options.Add($"mode={Convert.ToString(mode, 8)}");
            if (mount.ReadOnly) options.Add("ro");
            mounts.Add(TmpfsMount(mount.Target, options));
        }

        var network = NetworkModes.Parse(host.NetworkMode);
        var security = SecurityProfile.From(host.SecurityOpt ?? []);
        var ipc = IpcOf(host.IpcMode, paths);
        var spec = SpecBuilder.Build(new ContainerSpecOptions
        {
            Args = [record.Path, .. record.Args],
            Env = ConfigMerger.RuntimeEnv(config.Env, config.Hostname, config.Tty, user.Home),
            Cwd = workingDir,
            Uid = user.Uid,
            Gid = user.Gid,
            AdditionalGids = user.AdditionalGids,
            Terminal = config.Tty,
            ConsoleSize = config.Tty && start.ConsoleSize is { Rows: > 0 } console ? new ConsoleBox { Height = console.Rows, Width = console.Columns } : null,
            Hostname = config.Hostname,
            ReadOnlyRootfs = host.ReadonlyRootfs,
            Mounts = mounts,
            Privileged = host.Privileged,
            CapAdd = host.CapAdd ?? [],
            CapDrop = host.CapDrop ?? [],
            HostCapabilities = CapabilityNames.AsksForEvery(host.Privileged, host.CapAdd ?? []) ? HostCapabilities.Read() : null,
            NoNewPrivileges = security.NoNewPrivileges,
            Seccomp = security.Seccomp,
            MaskedPaths = host.MaskedPaths,
            ReadonlyPaths = host.ReadonlyPaths,
            Network = network.Kind switch
            {
                NetworkKind.Host => NamespaceMode.Host,
                NetworkKind.None => NamespaceMode.Private,
                NetworkKind.Bridge => NamespaceMode.Join(paths.NetnsFile),
                _ => NamespaceMode.Join($"/proc/{DonorPid(network.Container!, "network")}/ns/net"),
            },
            Ipc = ipc.Mode,
            ShmSource = ipc.ShmSource,
            Pid = host.PidMode == SharedNamespaces.Host ? NamespaceMode.Host
                : SharedNamespaces.JoinedContainer(host.PidMode) is { } pidDonor
                    ? NamespaceMode.Join($"/proc/{DonorPid(pidDonor, "PID")}/ns/pid")
                    : NamespaceMode.Private,
            Uts = host.UTSMode == SharedNamespaces.Host ? NamespaceMode.Host : NamespaceMode.Private,
            Cgroup = host.CgroupnsMode == SharedNamespaces.Host ? NamespaceMode.Host : NamespaceMode.Private,
            ShmSize = host.ShmSize > 0 ? host.ShmSize : ContainerSpecOptions.DefaultShmSize,
            Memory = host.Memory > 0 ? host.Memory : null,
            MemoryReservation = host.MemoryReservation > 0 ? host.MemoryReservation : null,
            MemorySwap = host.MemorySwap != 0 ? host.MemorySwap : null,
            OomKillDisable = host.OomKillDisable,
            MemorySwappiness = host.MemorySwappiness is { } swappiness ? (ulong)swappiness : null,
            NanoCpus = host.NanoCpus,
            CpuShares = host.CpuShares,
            CpuQuota = host.CpuQuota,
            CpuPeriod = host.CpuPeriod,
            CpusetCpus = host.CpusetCpus.Length > 0 ? host.CpusetCpus : null,
            CpusetMems = host.CpusetMems.Length > 0 ? host.CpusetMems : null,
            PidsLimit = host.PidsLimit is > 0 ? host.PidsLimit : null,
            Ulimits = (host.Ulimits ?? []).Select(u => new UlimitSpec(u.Name, u.Soft, u.Hard)).ToList(),
            HostHardLimits = ResourceLimits.Hard(),
            Devices = (host.Devices ?? []).Select(HostDevices.Resolve).ToList(),
            Sysctls = host.Sysctls ?? new Dictionary<string, string>(),
            OomScoreAdj = host.OomScoreAdj,
            CgroupsPath = CgroupsPathOf(record),
            Init = host.Init == true,
            InitBinaryPath = _options.InitPath,
            HostsPath = paths.HostsFile,
            HostnamePath = paths.HostnameFile,
            ResolvConfPath = paths.ResolvConfFile,
        });
        return SeccompPreload.Apply(spec, SeccompPreload.RunsOnRunc(record), security.Seccomp, paths.SeccompProgram, _layout, SeccompStepExecutable);
    }

    // A volume with mount options (tmpfs, nfs...) is mounted on first use; a new, empty volume gets a copy of
    // what the image has at the mount point (Docker's copy-up), unless "nocopy".
    private async Task PrepareVolumeAsync(Models.MountPoint mount, string imageDirectory, CancellationToken ct)
    {
        _volumes.MountIfNeeded(mount.Name!);
        if (mount.Mode != "nocopy" && _volumes.IsEmpty(mount.Name!))
            await _volumes.CopyUpAsync(mount.Name!, imageDirectory, ct).ConfigureAwait(false);
    }

    private static OciMount TmpfsMount(string target, IReadOnlyList<string> options) => new()
    {
        Destination = target,
        Type = "tmpfs",
        Source = "tmpfs",
        Options = ["nosuid", "nodev", "noexec", .. options],
    };

    // A joined IPC namespace comes with the donor's /dev/shm (the tmpfs it keeps on the host); Docker lets only a
    // donor that made its IPC shareable (or uses the host's) be joined.
    private (NamespaceMode Mode, string? ShmSource) IpcOf(string mode, ContainerPaths paths)
    {
        switch (mode)
        {
            case SharedNamespaces.Host:
                return (NamespaceMode.Host, null);
            case SharedNamespaces.None:
                return (NamespaceMode.Private, "");
            case SharedNamespaces.Shareable:
                return (NamespaceMode.Private, paths.ShmDirectory);
        }
        if (SharedNamespaces.JoinedContainer(mode) is not { } name) return (NamespaceMode.Private, null);
        var donor = RunningDonor(name, "IPC");
        var donorMode = donor.Record.HostConfig.IpcMode;
        if (donorMode == SharedNamespaces.Host) return (NamespaceMode.Host, null);
        if (donorMode != SharedNamespaces.Shareable)
            throw BerthException.Conflict(
                $"can't join IPC of container {donor.Id}: non-shareable IPC (hint: use IpcMode:shareable for the donor container)");
        return (NamespaceMode.Join($"/proc/{donor.State.Pid}/ns/ipc"), PathsOf(donor.Id).ShmDirectory);
    }

    // --network, --ipc and --pid container:NAME join the namespaces of that container's init, which must be running.
    private StoredContainer RunningDonor(string input, string what)
    {
        var donor = Get(input);
        if (donor.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused) || donor.State.Pid == 0)
            throw BerthException.Conflict($"cannot join {what} of a non running container: {donor.Id}");
        return donor;
    }

    private int DonorPid(string input, string what) => RunningDonor(input, what).State.Pid;
}
