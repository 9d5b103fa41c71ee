using System.Text.Json;
using Berth.Engine.Models;
using Berth.Oci;
using static Berth.Oci.Json.JsonShapes;

namespace Berth.Engine.Containers;

/// <summary>
/// Writes a <see cref="ContainerRecord"/> as its row's JSON with a plain JSON writer, byte for byte what the
/// serializer writes with <see cref="ContainerJsonContext"/> (which reads it back). Even the serializer's
/// generated writing code first builds the record's type metadata, partly by reflection: about a millisecond of
/// every create, on the way to the container's start.
/// Members follow the types' declaration order, as the serializer's do; nulls are left out (WhenWritingNull).
/// </summary>
internal static class ContainerRecordWriter
{
    public static string Write(ContainerRecord record) =>
        ObjectText(record, 4096, WriteMembers);

    private static void WriteMembers(Utf8JsonWriter json, ContainerRecord record)
    {
        json.WriteString(nameof(ContainerRecord.Id), record.Id);
        json.WriteString(nameof(ContainerRecord.Name), record.Name);
        json.WriteString(nameof(ContainerRecord.Created), record.Created);
        json.WriteString(nameof(ContainerRecord.ImageId), record.ImageId);
        WriteOptional(json, nameof(ContainerRecord.ChainId), record.ChainId);
        json.WriteString(nameof(ContainerRecord.Path), record.Path);
        WriteStrings(json, nameof(ContainerRecord.Args), record.Args);
        json.WriteStartObject(nameof(ContainerRecord.Config));
        WriteConfig(json, record.Config);
        json.WriteEndObject();
        json.WriteStartObject(nameof(ContainerRecord.HostConfig));
        WriteHostConfig(json, record.HostConfig);
        json.WriteEndObject();
        WriteObjects(json, nameof(ContainerRecord.Mounts), record.Mounts, WriteMountPoint);
        json.WriteString(nameof(ContainerRecord.Driver), record.Driver);
        WriteOptional(json, nameof(ContainerRecord.RuntimePath), record.RuntimePath);
        if (record.Networks is { } networks)
        {
            json.WriteStartObject(nameof(ContainerRecord.Networks));
            foreach (var (name, endpoint) in networks)
            {
                json.WriteStartObject(name);
                WriteOptional(json, nameof(EndpointSettings.IPv4Address), endpoint.IPv4Address);
                WriteOptional(json, nameof(EndpointSettings.MacAddress), endpoint.MacAddress);
                WriteStrings(json, nameof(EndpointSettings.Aliases), endpoint.Aliases);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteString(nameof(ContainerRecord.ShortId), record.ShortId);
    }

    private static void WriteConfig(Utf8JsonWriter json, DockerContainerConfig config)
    {
        json.WriteString(nameof(config.Hostname), config.Hostname);
        json.WriteString(nameof(config.Domainname), config.Domainname);
        json.WriteString(nameof(config.User), config.User);
        json.WriteBoolean(nameof(config.AttachStdin), config.AttachStdin);
        json.WriteBoolean(nameof(config.AttachStdout), config.AttachStdout);
        json.WriteBoolean(nameof(config.AttachStderr), config.AttachStderr);
        WriteKeys(json, nameof(config.ExposedPorts), config.ExposedPorts);
        json.WriteBoolean(nameof(config.Tty), config.Tty);
        json.WriteBoolean(nameof(config.OpenStdin), config.OpenStdin);
        json.WriteBoolean(nameof(config.StdinOnce), config.StdinOnce);
        WriteStrings(json, nameof(config.Env), config.Env);
        WriteStrings(json, nameof(config.Cmd), config.Cmd);
        if (config.Healthcheck is { } health)
        {
            json.WriteStartObject(nameof(config.Healthcheck));
            WriteStrings(json, nameof(health.Test), health.Test);
            WriteOptional(json, nameof(health.Interval), health.Interval);
            WriteOptional(json, nameof(health.Timeout), health.Timeout);
            WriteOptional(json, nameof(health.StartPeriod), health.StartPeriod);
            WriteOptional(json, nameof(health.StartInterval), health.StartInterval);
            WriteOptional(json, nameof(health.Retries), health.Retries);
            json.WriteEndObject();
        }
        WriteOptional(json, nameof(config.ArgsEscaped), config.ArgsEscaped);
        json.WriteString(nameof(config.Image), config.Image);
        WriteKeys(json, nameof(config.Volumes), config.Volumes);
        json.WriteString(nameof(config.WorkingDir), config.WorkingDir);
        WriteStrings(json, nameof(config.Entrypoint), config.Entrypoint);
        WriteStrings(json, nameof(config.OnBuild), config.OnBuild);
        WriteMap(json, nameof(config.Labels), config.Labels);
        WriteOptional(json, nameof(config.StopSignal), config.StopSignal);
        WriteOptional(json, nameof(config.StopTimeout), config.StopTimeout);
        WriteStrings(json, nameof(config.Shell), config.Shell);
    }

    private static void WriteHostConfig(Utf8JsonWriter json, HostConfig host)
    {
        WriteStrings(json, nameof(host.Binds), host.Binds);
        json.WriteString(nameof(host.ContainerIDFile), host.ContainerIDFile);
        json.WriteStartObject(nameof(host.LogConfig));
        json.WriteString(nameof(host.LogConfig.Type), host.LogConfig.Type);
        WriteMap(json, nameof(host.LogConfig.Config), host.LogConfig.Config);
        json.WriteEndObject();
        json.WriteString(nameof(host.NetworkMode), host.NetworkMode);
        if (host.PortBindings is { } ports)
        {
            json.WriteStartObject(nameof(host.PortBindings));
            foreach (var (port, bindings) in ports)
                WriteObjects(json, port, bindings, static (json, binding) =>
                {
                    json.WriteString(nameof(binding.HostIp), binding.HostIp);
                    json.WriteString(nameof(binding.HostPort), binding.HostPort);
                });
            json.WriteEndObject();
        }
        json.WriteStartObject(nameof(host.RestartPolicy));
        json.WriteString(nameof(host.RestartPolicy.Name), host.RestartPolicy.Name);
        json.WriteNumber(nameof(host.RestartPolicy.MaximumRetryCount), host.RestartPolicy.MaximumRetryCount);
        json.WriteEndObject();
        json.WriteBoolean(nameof(host.AutoRemove), host.AutoRemove);
        json.WriteString(nameof(host.VolumeDriver), host.VolumeDriver);
        WriteStrings(json, nameof(host.VolumesFrom), host.VolumesFrom);
        WriteStrings(json, nameof(host.CapAdd), host.CapAdd);
        WriteStrings(json, nameof(host.CapDrop), host.CapDrop);
        json.WriteString(nameof(host.CgroupnsMode), host.CgroupnsMode);
        WriteStrings(json, nameof(host.Dns), host.Dns);
        WriteStrings(json, nameof(host.DnsOptions), host.DnsOptions);
        WriteStrings(json, nameof(host.DnsSearch), host.DnsSearch);
        WriteStrings(json, nameof(host.ExtraHosts), host.ExtraHosts);
        WriteStrings(json, nameof(host.GroupAdd), host.GroupAdd);
        json.WriteString(nameof(host.IpcMode), host.IpcMode);
        json.WriteString(nameof(host.Cgroup), host.Cgroup);
        WriteStrings(json, nameof(host.Links), host.Links);
        json.WriteNumber(nameof(host.OomScoreAdj), host.OomScoreAdj);
        json.WriteString(nameof(host.PidMode), host.PidMode);
        json.WriteBoolean(nameof(host.Privileged), host.Privileged);
        json.WriteBoolean(nameof(host.PublishAllPorts), host.PublishAllPorts);
        json.WriteBoolean(nameof(host.ReadonlyRootfs), host.ReadonlyRootfs);
        WriteStrings(json, nameof(host.SecurityOpt), host.SecurityOpt);
        WriteMap(json, nameof(host.Tmpfs), host.Tmpfs);
        json.WriteString(nameof(host.UTSMode), host.UTSMode);
        json.WriteString(nameof(host.UsernsMode), host.UsernsMode);
        json.WriteNumber(nameof(host.ShmSize), host.ShmSize);
        WriteMap(json, nameof(host.Sysctls), host.Sysctls);
        json.WriteString(nameof(host.Runtime), host.Runtime);
        json.WriteStartArray(nameof(host.ConsoleSize));
        foreach (var size in host.ConsoleSize) json.WriteNumberValue(size);
        json.WriteEndArray();
        json.WriteString(nameof(host.Isolation), host.Isolation);
        json.WriteNumber(nameof(host.CpuShares), host.CpuShares);
        json.WriteNumber(nameof(host.Memory), host.Memory);
        json.WriteNumber(nameof(host.NanoCpus), host.NanoCpus);
        json.WriteString(nameof(host.CgroupParent), host.CgroupParent);
        json.WriteNumber(nameof(host.BlkioWeight), host.BlkioWeight);
        WriteStrings(json, nameof(host.BlkioWeightDevice), host.BlkioWeightDevice);
        WriteStrings(json, nameof(host.BlkioDeviceReadBps), host.BlkioDeviceReadBps);
        WriteStrings(json, nameof(host.BlkioDeviceWriteBps), host.BlkioDeviceWriteBps);
        WriteStrings(json, nameof(host.BlkioDeviceReadIOps), host.BlkioDeviceReadIOps);
        WriteStrings(json, nameof(host.BlkioDeviceWriteIOps), host.BlkioDeviceWriteIOps);
        json.WriteNumber(nameof(host.CpuPeriod), host.CpuPeriod);
        json.WriteNumber(nameof(host.CpuQuota), host.CpuQuota);
        json.WriteNumber(nameof(host.CpuRealtimePeriod), host.CpuRealtimePeriod);
        json.WriteNumber(nameof(host.CpuRealtimeRuntime), host.CpuRealtimeRuntime);
        json.WriteString(nameof(host.CpusetCpus), host.CpusetCpus);
        json.WriteString(nameof(host.CpusetMems), host.CpusetMems);
        WriteObjects(json, nameof(host.Devices), host.Devices, static (json, device) =>
        {
            json.WriteString(nameof(device.PathOnHost), device.PathOnHost);
            json.WriteString(nameof(device.PathInContainer), device.PathInContainer);
            json.WriteString(nameof(device.CgroupPermissions), device.CgroupPermissions);
        });
        WriteStrings(json, nameof(host.DeviceCgroupRules), host.DeviceCgroupRules);
        WriteObjects(json, nameof(host.DeviceRequests), host.DeviceRequests, WriteDeviceRequest);
        json.WriteNumber(nameof(host.KernelMemory), host.KernelMemory);
        json.WriteNumber(nameof(host.KernelMemoryTCP), host.KernelMemoryTCP);
        json.WriteNumber(nameof(host.MemoryReservation), host.MemoryReservation);
        json.WriteNumber(nameof(host.MemorySwap), host.MemorySwap);
        WriteOptional(json, nameof(host.MemorySwappiness), host.MemorySwappiness);
        WriteOptional(json, nameof(host.OomKillDisable), host.OomKillDisable);
        WriteOptional(json, nameof(host.PidsLimit), host.PidsLimit);
        WriteObjects(json, nameof(host.Ulimits), host.Ulimits, static (json, ulimit) =>
        {
            json.WriteString(nameof(ulimit.Name), ulimit.Name);
            json.WriteNumber(nameof(ulimit.Soft), ulimit.Soft);
            json.WriteNumber(nameof(ulimit.Hard), ulimit.Hard);
        });
        json.WriteNumber(nameof(host.CpuCount), host.CpuCount);
        json.WriteNumber(nameof(host.CpuPercent), host.CpuPercent);
        json.WriteNumber(nameof(host.IOMaximumIOps), host.IOMaximumIOps);
        json.WriteNumber(nameof(host.IOMaximumBandwidth), host.IOMaximumBandwidth);
        WriteObjects(json, nameof(host.Mounts), host.Mounts, WriteMountSpecification);
        WriteStrings(json, nameof(host.MaskedPaths), host.MaskedPaths);
        WriteStrings(json, nameof(host.ReadonlyPaths), host.ReadonlyPaths);
        WriteOptional(json, nameof(host.Init), host.Init);
    }

    private static void WriteDeviceRequest(Utf8JsonWriter json, DeviceRequest request)
    {
        json.WriteString(nameof(request.Driver), request.Driver);
        json.WriteNumber(nameof(request.Count), request.Count);
        WriteStrings(json, nameof(request.DeviceIDs), request.DeviceIDs);
        if (request.Capabilities is { } capabilities)
        {
            json.WriteStartArray(nameof(request.Capabilities));
            foreach (var set in capabilities)
            {
                json.WriteStartArray();
                foreach (var capability in set) json.WriteStringValue(capability);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        WriteMap(json, nameof(request.Options), request.Options);
    }

    private static void WriteMountSpecification(Utf8JsonWriter json, MountSpecification mount)
    {
        json.WriteString(nameof(mount.Type), mount.Type);
        json.WriteString(nameof(mount.Source), mount.Source);
        json.WriteString(nameof(mount.Target), mount.Target);
        json.WriteBoolean(nameof(mount.ReadOnly), mount.ReadOnly);
        WriteOptional(json, nameof(mount.BindPropagation), mount.BindPropagation);
        WriteOptional(json, nameof(mount.VolumeNoCopy), mount.VolumeNoCopy);
        WriteOptional(json, nameof(mount.TmpfsSizeBytes), mount.TmpfsSizeBytes);
        WriteOptional(json, nameof(mount.TmpfsMode), mount.TmpfsMode);
    }

    private static void WriteMountPoint(Utf8JsonWriter json, MountPoint mount)
    {
        json.WriteString(nameof(mount.Type), mount.Type);
        WriteOptional(json, nameof(mount.Name), mount.Name);
        json.WriteString(nameof(mount.Source), mount.Source);
        json.WriteString(nameof(mount.Destination), mount.Destination);
        WriteOptional(json, nameof(mount.Driver), mount.Driver);
        json.WriteString(nameof(mount.Mode), mount.Mode);
        json.WriteBoolean(nameof(mount.RW), mount.RW);
        json.WriteString(nameof(mount.Propagation), mount.Propagation);
    }

    // A set of names (exposed ports, volumes): each an empty object, as Docker's JSON has them.
    private static void WriteKeys(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, EmptyObject>? set)
    {
        if (set is null) return;
        json.WriteStartObject(name);
        foreach (var key in set.Keys)
        {
            json.WriteStartObject(key);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
