using System.Buffers;
using System.Text.Json;

namespace Berth.Runtime.Spec;

/// <summary>
/// Writes a bundle's config.json: the same bytes <see cref="RuntimeSpecJsonContext"/> writes (a test holds them
/// equal over every member), null members left out, in declaration order. By hand, because the serializer builds
/// metadata for each type it meets on first use (the nullable numbers of the resources among them, by reflection),
/// which a container start paid before runc could read its spec.
/// </summary>
public static class RuntimeSpecJson
{
    public static byte[] Serialize(RuntimeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ociVersion", spec.OciVersion);
            if (spec.Process is { } process)
            {
                json.WriteStartObject("process");
                OciProcessJson.WriteMembers(json, process);
                json.WriteEndObject();
            }
            if (spec.Root is { } root)
            {
                json.WriteStartObject("root");
                json.WriteString("path", root.Path);
                json.WriteBoolean("readonly", root.Readonly);
                json.WriteEndObject();
            }
            if (spec.Hostname is { } hostname) json.WriteString("hostname", hostname);
            WriteMounts(json, spec.Mounts);
            if (spec.Hooks is { } hooks) WriteHooks(json, hooks);
            if (spec.Annotations is { } annotations) WriteMap(json, "annotations", annotations);
            if (spec.Linux is { } linux) WriteLinux(json, linux);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMounts(Utf8JsonWriter json, IReadOnlyList<OciMount> mounts)
    {
        json.WriteStartArray("mounts");
        foreach (var mount in mounts)
        {
            json.WriteStartObject();
            json.WriteString("destination", mount.Destination);
            if (mount.Type is { } type) json.WriteString("type", type);
            if (mount.Source is { } source) json.WriteString("source", source);
            if (mount.Options is { } options) OciProcessJson.WriteStrings(json, "options", options);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteHooks(Utf8JsonWriter json, OciHooks hooks)
    {
        json.WriteStartObject("hooks");
        WriteHookList(json, "prestart", hooks.Prestart);
        WriteHookList(json, "createRuntime", hooks.CreateRuntime);
        WriteHookList(json, "createContainer", hooks.CreateContainer);
        WriteHookList(json, "startContainer", hooks.StartContainer);
        WriteHookList(json, "poststart", hooks.Poststart);
        WriteHookList(json, "poststop", hooks.Poststop);
        json.WriteEndObject();
    }

    private static void WriteHookList(Utf8JsonWriter json, string name, IReadOnlyList<OciHook>? hooks)
    {
        if (hooks is null) return;
        json.WriteStartArray(name);
        foreach (var hook in hooks)
        {
            json.WriteStartObject();
            json.WriteString("path", hook.Path);
            if (hook.Args is { } args) OciProcessJson.WriteStrings(json, "args", args);
            if (hook.Env is { } env) OciProcessJson.WriteStrings(json, "env", env);
            if (hook.Timeout is { } timeout) json.WriteNumber("timeout", timeout);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteLinux(Utf8JsonWriter json, LinuxConfig linux)
    {
        json.WriteStartObject("linux");
        WriteIdMappings(json, "uidMappings", linux.UidMappings);
        WriteIdMappings(json, "gidMappings", linux.GidMappings);
        if (linux.Sysctl is { } sysctl) WriteMap(json, "sysctl", sysctl);
        if (linux.Resources is { } resources) WriteResources(json, resources);
        if (linux.CgroupsPath is { } cgroupsPath) json.WriteString("cgroupsPath", cgroupsPath);
        json.WriteStartArray("namespaces");
        foreach (var ns in linux.Namespaces)
        {
            json.WriteStartObject();
            json.WriteString("type", ns.Type);
            if (ns.Path is { } path) json.WriteString("path", path);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (linux.Devices is { } devices)
        {
            json.WriteStartArray("devices");
            foreach (var device in devices)
            {
                json.WriteStartObject();
                json.WriteString("path", device.Path);
                json.WriteString("type", device.Type);
                json.WriteNumber("major", device.Major);
                json.WriteNumber("minor", device.Minor);
                if (device.FileMode is { } mode) json.WriteNumber("fileMode", mode);
                if (device.Uid is { } uid) json.WriteNumber("uid", uid);
                if (device.Gid is { } gid) json.WriteNumber("gid", gid);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (linux.Seccomp is { } seccomp) WriteSeccomp(json, seccomp);
        if (linux.RootfsPropagation is { } propagation) json.WriteString("rootfsPropagation", propagation);
        if (linux.MaskedPaths is { } masked) OciProcessJson.WriteStrings(json, "maskedPaths", masked);
        if (linux.ReadonlyPaths is { } readOnly) OciProcessJson.WriteStrings(json, "readonlyPaths", readOnly);
        json.WriteEndObject();
    }

    private static void WriteIdMappings(Utf8JsonWriter json, string name, IReadOnlyList<LinuxIdMapping>? mappings)
    {
        if (mappings is null) return;
        json.WriteStartArray(name);
        foreach (var mapping in mappings)
        {
            json.WriteStartObject();
            json.WriteNumber("containerID", mapping.ContainerId);
            json.WriteNumber("hostID", mapping.HostId);
            json.WriteNumber("size", mapping.Size);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteResources(Utf8JsonWriter json, LinuxResources resources)
    {
        json.WriteStartObject("resources");
        if (resources.Devices is { } devices)
        {
            json.WriteStartArray("devices");
            foreach (var rule in devices)
            {
                json.WriteStartObject();
                json.WriteBoolean("allow", rule.Allow);
                if (rule.Type is { } type) json.WriteString("type", type);
                if (rule.Major is { } major) json.WriteNumber("major", major);
                if (rule.Minor is { } minor) json.WriteNumber("minor", minor);
                if (rule.Access is { } access) json.WriteString("access", access);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (resources.Memory is { } memory)
        {
            json.WriteStartObject("memory");
            if (memory.Limit is { } limit) json.WriteNumber("limit", limit);
            if (memory.Reservation is { } reservation) json.WriteNumber("reservation", reservation);
            if (memory.Swap is { } swap) json.WriteNumber("swap", swap);
            if (memory.Kernel is { } kernel) json.WriteNumber("kernel", kernel);
            if (memory.Swappiness is { } swappiness) json.WriteNumber("swappiness", swappiness);
            if (memory.DisableOomKiller is { } disable) json.WriteBoolean("disableOOMKiller", disable);
            json.WriteEndObject();
        }
        if (resources.Cpu is { } cpu)
        {
            json.WriteStartObject("cpu");
            if (cpu.Shares is { } shares) json.WriteNumber("shares", shares);
            if (cpu.Quota is { } quota) json.WriteNumber("quota", quota);
            if (cpu.Period is { } period) json.WriteNumber("period", period);
            if (cpu.Cpus is { } cpus) json.WriteString("cpus", cpus);
            if (cpu.Mems is { } mems) json.WriteString("mems", mems);
            json.WriteEndObject();
        }
        if (resources.Pids is { } pids)
        {
            json.WriteStartObject("pids");
            json.WriteNumber("limit", pids.Limit);
            json.WriteEndObject();
        }
        if (resources.BlockIo is { } blockIo)
        {
            json.WriteStartObject("blockIO");
            if (blockIo.Weight is { } weight) json.WriteNumber("weight", weight);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteSeccomp(Utf8JsonWriter json, LinuxSeccomp seccomp)
    {
        json.WriteStartObject("seccomp");
        json.WriteString("defaultAction", seccomp.DefaultAction);
        if (seccomp.DefaultErrnoRet is { } defaultErrno) json.WriteNumber("defaultErrnoRet", defaultErrno);
        if (seccomp.Architectures is { } architectures) OciProcessJson.WriteStrings(json, "architectures", architectures);
        if (seccomp.Flags is { } flags) OciProcessJson.WriteStrings(json, "flags", flags);
        if (seccomp.Syscalls is { } syscalls)
        {
            json.WriteStartArray("syscalls");
            foreach (var syscall in syscalls)
            {
                json.WriteStartObject();
                OciProcessJson.WriteStrings(json, "names", syscall.Names);
                json.WriteString("action", syscall.Action);
                if (syscall.ErrnoRet is { } errno) json.WriteNumber("errnoRet", errno);
                if (syscall.Args is { } args)
                {
                    json.WriteStartArray("args");
                    foreach (var arg in args)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("index", arg.Index);
                        json.WriteNumber("value", arg.Value);
                        json.WriteNumber("valueTwo", arg.ValueTwo);
                        json.WriteString("op", arg.Op);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in map) json.WriteString(key, value);
        json.WriteEndObject();
    }
}
