using System.Runtime.InteropServices;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Runtime.Spec;

/// <summary>
/// Turns resolved run options into the OCI config.json a runtime runs, with docker's defaults (moby
/// oci/defaults.go, daemon/oci_linux.go): its capability set, mounts, masked paths, device rules, seccomp
/// profile, namespaces and rlimits. Pure: it reads no files and needs no privileges.
/// </summary>
public static partial class SpecBuilder
{
    /// <summary>The spec for a new container.</summary>
    public static RuntimeSpec Build(ContainerSpecOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Args.Count == 0) throw BerthException.Invalid("no command specified");
        var capabilities = CapabilityNames.Resolve(
            CapabilityNames.DockerDefault, options.CapAdd, options.CapDrop, options.Privileged, options.HostCapabilities);
        var args = options.Init
            ? [DockerDefaults.InitPath, "--", .. options.Args]
            : options.Args;
        if (options.Init && string.IsNullOrEmpty(options.InitBinaryPath))
            throw BerthException.Invalid("--init needs the path of the init binary on the host");
        var process = new OciProcess
        {
            Terminal = options.Terminal,
            ConsoleSize = options.ConsoleSize,
            User = User(options.Uid, options.Gid, options.AdditionalGids, options.Umask),
            Args = args,
            Env = options.Env,
            Cwd = WorkingDirectory(options.Cwd),
            Capabilities = Capabilities(capabilities),
            Rlimits = Rlimits(options),
            NoNewPrivileges = options.NoNewPrivileges,
            OomScoreAdj = options.OomScoreAdj,
        };
        return new RuntimeSpec
        {
            Process = process,
            Root = new OciRoot { Path = options.RootfsPath, Readonly = options.ReadOnlyRootfs },
            // A hostname can only be set in a UTS namespace of the container's own; runc refuses it otherwise.
            Hostname = options.Uts.Kind == NamespaceKind.Private ? options.Hostname : null,
            Mounts = Mounts(options),
            Annotations = options.Annotations is { Count: > 0 } ? options.Annotations : null,
            Linux = new LinuxConfig
            {
                Sysctl = Sysctls(options),
                Resources = Resources(options),
                CgroupsPath = options.CgroupsPath,
                Namespaces = Namespaces(options),
                Devices = options.Devices.Select(Device).ToList(),
                Seccomp = Seccomp(options, capabilities),
                RootfsPropagation = RootfsPropagation(options.Mounts),
                MaskedPaths = options.Privileged ? null : options.MaskedPaths ?? DockerDefaults.MaskedPaths,
                ReadonlyPaths = options.Privileged ? null : options.ReadonlyPaths ?? DockerDefaults.ReadonlyPaths,
            },
        };
    }

    /// <summary>The process document for <c>runc exec --process</c>.</summary>
    public static OciProcess BuildExecProcess(ExecProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Args.Count == 0) throw BerthException.Invalid("no exec command specified");
        return new OciProcess
        {
            Terminal = options.Terminal,
            ConsoleSize = options.ConsoleSize,
            User = User(options.Uid, options.Gid, options.AdditionalGids, options.Umask),
            Args = options.Args,
            Env = options.Env,
            Cwd = WorkingDirectory(options.Cwd),
            Capabilities = Capabilities(options.Privileged ? CapabilityNames.Every(options.HostCapabilities) : options.ContainerCapabilities),
            Rlimits = options.Rlimits,
            NoNewPrivileges = options.NoNewPrivileges,
        };
    }

    private static OciUser User(uint uid, uint gid, IReadOnlyList<uint> additionalGids, uint? umask) =>
        new() { Uid = uid, Gid = gid, AdditionalGids = additionalGids.Count > 0 ? additionalGids : null, Umask = umask };

    private static string WorkingDirectory(string cwd)
    {
        if (cwd.Length == 0) return "/";
        return cwd.StartsWith('/')
            ? cwd
            : throw BerthException.Invalid($"the working directory '{cwd}' is invalid, it needs to be an absolute path");
    }

    // Recent docker leaves the inheritable and ambient sets empty, so a non-root user gains nothing through
    // file capabilities or across execve; bounding, permitted and effective are the same set.
    private static LinuxCapabilities Capabilities(IReadOnlyList<string> set) =>
        new() { Bounding = set, Effective = set, Permitted = set, Inheritable = [], Ambient = [] };

    private static List<LinuxNamespace> Namespaces(ContainerSpecOptions options)
    {
        var namespaces = new List<LinuxNamespace> { new() { Type = "mount" } };
        Add("network", options.Network);
        Add("uts", options.Uts);
        Add("pid", options.Pid);
        Add("ipc", options.Ipc);
        Add("cgroup", options.Cgroup);
        return namespaces;

        void Add(string type, NamespaceMode mode)
        {
            switch (mode.Kind)
            {
                case NamespaceKind.Private:
                    namespaces.Add(new() { Type = type });
                    break;
                case NamespaceKind.Path when string.IsNullOrEmpty(mode.NamespacePath):
                    throw BerthException.Invalid($"{type} namespace path is empty");
                case NamespaceKind.Path:
                    namespaces.Add(new() { Type = type, Path = mode.NamespacePath });
                    break;
            }
        }
    }

    private static Dictionary<string, string> Sysctls(ContainerSpecOptions options)
    {
        var sysctls = new Dictionary<string, string>(options.Sysctls, StringComparer.Ordinal);
        // Docker opens ICMP echo sockets and ports below 1024 to every user in a network namespace of the
        // container's own; a joined or host namespace keeps what its owner set.
        if (options.Network.Kind == NamespaceKind.Private)
        {
            sysctls.TryAdd("net.ipv4.ping_group_range", "0 2147483647");
            sysctls.TryAdd("net.ipv4.ip_unprivileged_port_start", "0");
        }
        return sysctls;
    }

    private static LinuxSeccomp? Seccomp(ContainerSpecOptions options, IReadOnlyList<string> capabilities)
    {
        if (options.Privileged) return null;
        var profile = options.Seccomp.Kind switch
        {
            SeccompKind.Unconfined => null,
            SeccompKind.Custom => SeccompProfiles.Parse(options.Seccomp.ProfileJson ?? ""),
            _ => DefaultSeccompProfile.Profile,
        };
        if (profile is null) return null;
        var goArch = SeccompProfiles.GoArch(RuntimeInformation.OSArchitecture);
        return SeccompProfiles.ToLinux(profile, capabilities, goArch, options.KernelVersion, options.HostRunsX32 ?? KernelAbi.RunsX32());
    }
}
