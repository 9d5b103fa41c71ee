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
        return ObjectBytes(spec, 16 * 1024, WriteMembers);
    }

    private static void WriteMembers(Utf8JsonWriter json, RuntimeSpec spec)
    {
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
        WriteOptional(json, "hostname", spec.Hostname);
        WriteObjects(json, "mounts", spec.Mounts, static (json, mount) =>
        {
            json.WriteString("destination", mount.Destination);
            WriteOptional(json, "type", mount.Type);
            WriteOptional(json, "source", mount.Source);
            WriteStrings(json, "options", mount.Options);
        });
        if (spec.Hooks is { } hooks) WriteHooks(json, hooks);
        WriteMap(json, "annotations", spec.Annotations);
        if (spec.Linux is { } linux) WriteLinux(json, linux);
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
        WriteOptional(json, "timeout", hook.Timeout);
    }

    private static void WriteLinux(Utf8JsonWriter json, LinuxConfig linux)
    {
        json.WriteStartObject("linux");
        WriteObjects(json, "uidMappings", linux.UidMappings, WriteIdMapping);
        WriteObjects(json, "gidMappings", linux.GidMappings, WriteIdMapping);
        WriteMap(json, "sysctl", linux.Sysctl);
        if (linux.Resources is { } resources) WriteResources(json, resources);
        WriteOptional(json, "cgroupsPath", linux.CgroupsPath);
        WriteObjects(json, "namespaces", linux.Namespaces, static (json, ns) =>
        {
            json.WriteString("type", ns.Type);
            WriteOptional(json, "path", ns.Path);
        });
        WriteObjects(json, "devices", linux.Devices, static (json, device) =>
        {
            json.WriteString("path", device.Path);
            json.WriteString("type", device.Type);
            json.WriteNumber("major", device.Major);
            json.WriteNumber("minor", device.Minor);
            WriteOptional(json, "fileMode", device.FileMode);
            WriteOptional(json, "uid", device.Uid);
            WriteOptional(json, "gid", device.Gid);
        });
        if (linux.Seccomp is { } seccomp) WriteSeccomp(json, seccomp);
        WriteOptional(json, "rootfsPropagation", linux.RootfsPropagation);
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
            WriteOptional(json, "type", rule.Type);
            WriteOptional(json, "major", rule.Major);
            WriteOptional(json, "minor", rule.Minor);
            WriteOptional(json, "access", rule.Access);
        });
        if (resources.Memory is { } memory)
        {
            json.WriteStartObject("memory");
            WriteOptional(json, "limit", memory.Limit);
            WriteOptional(json, "reservation", memory.Reservation);
            WriteOptional(json, "swap", memory.Swap);
            WriteOptional(json, "kernel", memory.Kernel);
            WriteOptional(json, "swappiness", memory.Swappiness);
            WriteOptional(json, "disableOOMKiller", memory.DisableOomKiller);
            json.WriteEndObject();
        }
        if (resources.Cpu is { } cpu)
        {
            json.WriteStartObject("cpu");
            WriteOptional(json, "shares", cpu.Shares);
            WriteOptional(json, "quota", cpu.Quota);
            WriteOptional(json, "period", cpu.Period);
            WriteOptional(json, "cpus", cpu.Cpus);
            WriteOptional(json, "mems", cpu.Mems);
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
            WriteOptional(json, "weight", blockIo.Weight);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteSeccomp(Utf8JsonWriter json, LinuxSeccomp seccomp)
    {
        json.WriteStartObject("seccomp");
        json.WriteString("defaultAction", seccomp.DefaultAction);
        WriteOptional(json, "defaultErrnoRet", seccomp.DefaultErrnoRet);
        WriteStrings(json, "architectures", seccomp.Architectures);
        WriteStrings(json, "flags", seccomp.Flags);
        WriteObjects(json, "syscalls", seccomp.Syscalls, static (json, syscall) =>
        {
            WriteStrings(json, "names", syscall.Names);
            json.WriteString("action", syscall.Action);
            WriteOptional(json, "errnoRet", syscall.ErrnoRet);
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
