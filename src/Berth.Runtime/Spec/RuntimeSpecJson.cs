using System.Buffers;
using System.Text.Json;
using static Berth.Oci.Json.JsonShapes;

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
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
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
            WriteObjects(json, "mounts", spec.Mounts, static (json, mount) =>
            {
                json.WriteString("destination", mount.Destination);
                if (mount.Type is { } type) json.WriteString("type", type);
                if (mount.Source is { } source) json.WriteString("source", source);
                WriteStrings(json, "options", mount.Options);
            });
            if (spec.Hooks is { } hooks) WriteHooks(json, hooks);
            WriteMap(json, "annotations", spec.Annotations);
            if (spec.Linux is { } linux) WriteLinux(json, linux);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteHooks(Utf8JsonWriter json, OciHooks hooks)
    {
        json.WriteStartObject("hooks");
        WriteObjects(json, "prestart", hooks.Prestart, WriteHook);
        WriteObjects(json, "createRuntime", hooks.CreateRuntime, WriteHook);
        WriteObjects(json, "createContainer", hooks.CreateContainer, WriteHook);
        WriteObjects(json, "startContainer", hooks.StartContainer, WriteHook);
        WriteObjects(json, "poststart", hooks.Poststart, WriteHook);
        WriteObjects(json, "poststop", hooks.Poststop, WriteHook);
        json.WriteEndObject();
    }

    private static void WriteHook(Utf8JsonWriter json, OciHook hook)
    {
        json.WriteString("path", hook.Path);
        WriteStrings(json, "args", hook.Args);
        WriteStrings(json, "env", hook.Env);
        if (hook.Timeout is { } timeout) json.WriteNumber("timeout", timeout);
    }

    private static void WriteLinux(Utf8JsonWriter json, LinuxConfig linux)
    {
        json.WriteStartObject("linux");
        WriteObjects(json, "uidMappings", linux.UidMappings, WriteIdMapping);
        WriteObjects(json, "gidMappings", linux.GidMappings, WriteIdMapping);
        WriteMap(json, "sysctl", linux.Sysctl);
        if (linux.Resources is { } resources) WriteResources(json, resources);
        if (linux.CgroupsPath is { } cgroupsPath) json.WriteString("cgroupsPath", cgroupsPath);
        WriteObjects(json, "namespaces", linux.Namespaces, static (json, ns) =>
        {
            json.WriteString("type", ns.Type);
            if (ns.Path is { } path) json.WriteString("path", path);
        });
        WriteObjects(json, "devices", linux.Devices, static (json, device) =>
        {
            json.WriteString("path", device.Path);
            json.WriteString("type", device.Type);
            json.WriteNumber("major", device.Major);
            json.WriteNumber("minor", device.Minor);
            if (device.FileMode is { } mode) json.WriteNumber("fileMode", mode);
            if (device.Uid is { } uid) json.WriteNumber("uid", uid);
            if (device.Gid is { } gid) json.WriteNumber("gid", gid);
        });
        if (linux.Seccomp is { } seccomp) WriteSeccomp(json, seccomp);
        if (linux.RootfsPropagation is { } propagation) json.WriteString("rootfsPropagation", propagation);
        WriteStrings(json, "maskedPaths", linux.MaskedPaths);
        WriteStrings(json, "readonlyPaths", linux.ReadonlyPaths);
        json.WriteEndObject();
    }

    private static void WriteIdMapping(Utf8JsonWriter json, LinuxIdMapping mapping)
    {
        json.WriteNumber("containerID", mapping.ContainerId);
        json.WriteNumber("hostID", mapping.HostId);
        json.WriteNumber("size", mapping.Size);
    }

    private static void WriteResources(Utf8JsonWriter json, LinuxResources resources)
    {
        json.WriteStartObject("resources");
        WriteObjects(json, "devices", resources.Devices, static (json, rule) =>
        {
            json.WriteBoolean("allow", rule.Allow);
            if (rule.Type is { } type) json.WriteString("type", type);
            if (rule.Major is { } major) json.WriteNumber("major", major);
            if (rule.Minor is { } minor) json.WriteNumber("minor", minor);
            if (rule.Access is { } access) json.WriteString("access", access);
        });
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
        WriteStrings(json, "architectures", seccomp.Architectures);
        WriteStrings(json, "flags", seccomp.Flags);
        WriteObjects(json, "syscalls", seccomp.Syscalls, static (json, syscall) =>
        {
            WriteStrings(json, "names", syscall.Names);
            json.WriteString("action", syscall.Action);
            if (syscall.ErrnoRet is { } errno) json.WriteNumber("errnoRet", errno);
            WriteObjects(json, "args", syscall.Args, static (json, arg) =>
            {
                json.WriteNumber("index", arg.Index);
                json.WriteNumber("value", arg.Value);
                json.WriteNumber("valueTwo", arg.ValueTwo);
                json.WriteString("op", arg.Op);
            });
        });
        json.WriteEndObject();
    }
}
