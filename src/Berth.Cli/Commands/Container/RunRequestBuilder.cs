using Berth.CommandLine;
using Berth.Engine.Models;
using Berth.Oci;
using Berth.Runtime.Options;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// Turns <c>run</c>/<c>create</c> flags into the Engine API create request, as docker's CLI does (its
/// opts.parse): flag syntax is checked here, with docker's error texts; what needs the host or the image (bind
/// sources, users, volumes) is the engine's.
/// </summary>
internal static class RunRequestBuilder
{
    public static ContainerCreateRequest Build(CliContext context, RunFlags flags, string image, IReadOnlyList<string> command, bool detach)
    {
        var attach = context.Get(flags.Attach).Select(a => a.ToLowerInvariant()).ToList();
        foreach (var stream in attach)
        {
            if (stream is not ("stdin" or "stdout" or "stderr"))
                throw BerthException.Invalid($"valid streams are STDIN, STDOUT and STDERR");
        }
        if (detach && attach.Count > 0) throw BerthException.Invalid("Conflicting options: -a and -d");
        var interactive = context.Get(flags.Interactive);
        var attachStdin = !detach && (attach.Count == 0 ? interactive : attach.Contains("stdin"));
        var attachStdout = !detach && (attach.Count == 0 || attach.Contains("stdout"));
        var attachStderr = !detach && (attach.Count == 0 || attach.Contains("stderr"));

        var rm = context.Get(flags.Rm);
        var restart = Runtime.Options.RestartPolicy.Parse(context.Get(flags.Restart));
        if (rm && restart.Name is not ("" or "no")) throw BerthException.Invalid("Conflicting options: --restart and --rm");
        SecurityOpt.Parse(context.Get(flags.SecurityOpt));
        var stopSignal = context.Get(flags.StopSignal);
        if (stopSignal.Length > 0) SignalNames.Parse(stopSignal);

        var volumes = new Dictionary<string, EmptyObject>(StringComparer.Ordinal);
        var binds = new List<string>();
        foreach (var volume in context.Get(flags.Volume))
        {
            var spec = VolumeSpec.Parse(volume);
            if (spec.Type == MountType.Volume && spec.Source is null) volumes[spec.Target] = new EmptyObject();
            else binds.Add(volume);
        }

        var ports = RunPorts.Parse(context.Get(flags.Publish), context.Get(flags.Expose));
        string[]? entrypoint = context.IsSet(flags.Entrypoint) ? [context.Get(flags.Entrypoint)] : null;
        var config = new DockerContainerConfig
        {
            Hostname = context.Get(flags.Hostname),
            Domainname = context.Get(flags.Domainname),
            User = context.Get(flags.User),
            AttachStdin = attachStdin,
            AttachStdout = attachStdout,
            AttachStderr = attachStderr,
            Tty = context.Get(flags.Tty),
            OpenStdin = interactive,
            StdinOnce = interactive && !detach,
            Env = EnvironmentOf(context, flags),
            Cmd = command.Count > 0 ? command : null,
            Image = image,
            Volumes = volumes.Count > 0 ? volumes : null,
            WorkingDir = context.Get(flags.Workdir),
            Entrypoint = entrypoint,
            Labels = LabelsOf(context, flags),
            StopSignal = stopSignal.Length > 0 ? stopSignal : null,
            StopTimeout = context.IsSet(flags.StopTimeout) ? context.Get(flags.StopTimeout) : null,
            ExposedPorts = ports.Exposed.Count > 0 ? ports.Exposed : null,
        };
        var host = new HostConfig
        {
            Binds = binds.Count > 0 ? binds : null,
            VolumesFrom = NullIfEmpty(context.Get(flags.VolumesFrom)),
            ContainerIDFile = context.Get(flags.CidFile),
            LogConfig = LogConfigOf(context, flags),
            NetworkMode = context.Get(flags.Network) is { Length: > 0 } network ? network : "default",
            PortBindings = ports.Bindings.Count > 0 ? ports.Bindings : null,
            PublishAllPorts = context.Get(flags.PublishAll),
            RestartPolicy = new Engine.Models.RestartPolicy { Name = restart.Name, MaximumRetryCount = restart.MaximumRetryCount },
            AutoRemove = rm,
            CapAdd = NullIfEmpty(context.Get(flags.CapAdd)),
            CapDrop = NullIfEmpty(context.Get(flags.CapDrop)),
            Dns = context.Get(flags.Dns),
            DnsOptions = context.Get(flags.DnsOption),
            DnsSearch = context.Get(flags.DnsSearch),
            ExtraHosts = NullIfEmpty(context.Get(flags.AddHost)),
            GroupAdd = NullIfEmpty(context.Get(flags.GroupAdd)),
            IpcMode = context.Get(flags.Ipc),
            PidMode = context.Get(flags.Pid),
            UTSMode = context.Get(flags.Uts),
            CgroupnsMode = context.Get(flags.Cgroupns),
            UsernsMode = context.Get(flags.Userns),
            OomScoreAdj = context.Get(flags.OomScoreAdj),
            Privileged = context.Get(flags.Privileged),
            ReadonlyRootfs = context.Get(flags.ReadOnly),
            SecurityOpt = NullIfEmpty(context.Get(flags.SecurityOpt).Select(InlineSeccompProfile).ToList()),
            Tmpfs = TmpfsOf(context, flags),
            ShmSize = Bytes(context, flags.ShmSize),
            Sysctls = context.Get(flags.Sysctl) is { Count: > 0 } sysctls ? sysctls : null,
            Runtime = context.Get(flags.Runtime) is { Length: > 0 } runtime ? runtime : "runc",
            CpuShares = context.Get(flags.CpuShares),
            Memory = Bytes(context, flags.Memory),
            NanoCpus = context.Get(flags.Cpus) is { Length: > 0 } cpus ? NanoCpus.Parse(cpus) : 0,
            CpuPeriod = context.Get(flags.CpuPeriod),
            CpuQuota = context.Get(flags.CpuQuota),
            CpusetCpus = context.Get(flags.CpusetCpus),
            CpusetMems = context.Get(flags.CpusetMems),
            Devices = context.Get(flags.Device).Select(DeviceOf).ToList(),
            MemoryReservation = Bytes(context, flags.MemoryReservation),
            MemorySwap = context.Get(flags.MemorySwap) == "-1" ? -1 : Bytes(context, flags.MemorySwap),
            MemorySwappiness = context.Get(flags.MemorySwappiness) is var swappiness && swappiness != -1 ? swappiness : null,
            CgroupParent = context.Get(flags.CgroupParent),
            OomKillDisable = context.Get(flags.OomKillDisable),
            PidsLimit = context.IsSet(flags.PidsLimit) ? context.Get(flags.PidsLimit) : null,
            Ulimits = context.Get(flags.Ulimit) is { Count: > 0 } ulimits ? ulimits.Select(UlimitOf).ToList() : null,
            Mounts = context.Get(flags.Mount) is { Count: > 0 } mounts ? mounts.Select(MountOf).ToList() : null,
            Init = context.IsSet(flags.Init) ? context.Get(flags.Init) : null,
        };
        return new ContainerCreateRequest
        {
            Name = context.Get(flags.Name) is { Length: > 0 } name ? name : null,
            Config = config,
            HostConfig = host,
            Platform = context.Get(flags.Platform) is { Length: > 0 } platform ? platform : null,
            EndpointsConfig = EndpointsOf(context, flags),
        };
    }

    // --ip, --mac-address and --network-alias apply to the --network the container starts on (docker's rule).
    private static IReadOnlyDictionary<string, EndpointSettings>? EndpointsOf(CliContext context, RunFlags flags)
    {
        var ip = context.Get(flags.Ip);
        var mac = context.Get(flags.MacAddress);
        var aliases = context.Get(flags.NetworkAlias);
        if (ip.Length == 0 && mac.Length == 0 && aliases.Count == 0) return null;
        var network = context.Get(flags.Network) is { Length: > 0 } n ? n : "default";
        if (mac.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(mac, "^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$"))
            throw BerthException.Invalid($"{mac} is not a valid mac address");
        return new Dictionary<string, EndpointSettings>
        {
            [network] = new EndpointSettings { IPv4Address = ip.Length > 0 ? ip : null, MacAddress = mac.Length > 0 ? mac.ToLowerInvariant() : null, Aliases = aliases },
        };
    }

    // -e VAR=value sets; -e VAR takes VAR from this environment and is dropped when unset (docker's ValidateEnv).
    // --env-file entries come first, so -e overrides them.
    private static IReadOnlyList<string>? EnvironmentOf(CliContext context, RunFlags flags)
    {
        var env = new List<string>();
        foreach (var file in context.Get(flags.EnvFile))
            env.AddRange(EnvFile.Parse(ReadFlagFile(file), Environment.GetEnvironmentVariable));
        foreach (var entry in context.Get(flags.Env))
        {
            if (entry.StartsWith('=')) throw BerthException.Invalid($"invalid environment variable: {entry}");
            if (entry.Contains('=')) env.Add(entry);
            else if (Environment.GetEnvironmentVariable(entry) is { } value) env.Add($"{entry}={value}");
        }
        return env.Count > 0 ? env : null;
    }

    private static IReadOnlyDictionary<string, string>? LabelsOf(CliContext context, RunFlags flags)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = context.Get(flags.LabelFile).SelectMany(f => ReadFlagFile(f).Split('\n'))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        foreach (var label in lines.Concat(context.Get(flags.Label)))
        {
            var eq = label.IndexOf('=');
            if (eq == 0) throw BerthException.Invalid($"invalid label '{label}': empty name");
            if (eq < 0) labels[label] = "";
            else labels[label[..eq]] = label[(eq + 1)..];
        }
        return labels.Count > 0 ? labels : null;
    }

    private static LogConfig LogConfigOf(CliContext context, RunFlags flags)
    {
        var driver = context.Get(flags.LogDriver) is { Length: > 0 } d ? d : "json-file";
        if (driver != "json-file") throw BerthException.Invalid($"logger: no log driver named '{driver}' is registered");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in context.Get(flags.LogOpt))
        {
            var eq = option.IndexOf('=');
            if (eq <= 0) throw BerthException.Invalid($"invalid key value pair format in logging opts: {option}");
            var key = option[..eq];
            if (key is not ("max-size" or "max-file" or "compress" or "labels" or "env" or "tag"))
                throw BerthException.Invalid($"unknown log opt '{key}' for json-file log driver");
            options[key] = option[(eq + 1)..];
        }
        return new LogConfig { Type = driver, Config = options };
    }

    private static IReadOnlyDictionary<string, string>? TmpfsOf(CliContext context, RunFlags flags)
    {
        var tmpfs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in context.Get(flags.Tmpfs))
        {
            var colon = value.IndexOf(':');
            tmpfs[colon < 0 ? value : value[..colon]] = colon < 0 ? "" : value[(colon + 1)..];
        }
        return tmpfs.Count > 0 ? tmpfs : null;
    }

    // docker's CLI sends the profile's content, not its path: the engine may not see the client's files.
    private static string InlineSeccompProfile(string option)
    {
        foreach (var prefix in new[] { "seccomp=", "seccomp:" })
        {
            if (option.StartsWith(prefix, StringComparison.Ordinal) && option[prefix.Length..] is var file && file != "unconfined")
                return "seccomp=" + ReadFlagFile(file);
        }
        return option;
    }

    private static long Bytes(CliContext context, StringOption option)
    {
        if (context.Get(option) is not { Length: > 0 } value) return 0;
        try
        {
            return ByteSize.Parse(value);
        }
        catch (BerthException e)
        {
            // docker names the flag: invalid argument "12q" for "-m, --memory" flag: invalid suffix: 'q'
            var flag = option.ShortName is { } s ? $"-{s}, --{option.Name}" : $"--{option.Name}";
            throw BerthException.Invalid($"invalid argument \"{value}\" for \"{flag}\" flag: {e.Message}");
        }
    }

    private static DeviceMapping DeviceOf(string value)
    {
        var spec = DeviceSpec.Parse(value);
        return new DeviceMapping(spec.PathOnHost, spec.PathInContainer, spec.CgroupPermissions);
    }

    private static Ulimit UlimitOf(string value)
    {
        var spec = UlimitSpec.Parse(value);
        return new Ulimit(spec.Name, spec.Soft, spec.Hard);
    }

    private static MountSpecification MountOf(string value)
    {
        var spec = MountSpec.Parse(value);
        return new MountSpecification
        {
            Type = spec.Type.ToString().ToLowerInvariant(),
            Source = spec.Source ?? "",
            Target = spec.Target,
            ReadOnly = spec.ReadOnly,
            BindPropagation = spec.BindPropagation,
            VolumeNoCopy = spec.VolumeNoCopy ? true : null,
            TmpfsSizeBytes = spec.TmpfsSizeBytes > 0 ? spec.TmpfsSizeBytes : null,
            TmpfsMode = spec.TmpfsMode > 0 ? (int)spec.TmpfsMode : null,
        };
    }

    private static string ReadFlagFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw BerthException.Invalid($"open {path}: {e.Message}");
        }
    }

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> values) => values.Count > 0 ? values : null;
}
