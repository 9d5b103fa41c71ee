using System.Text.Json.Nodes;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Tests.Oci;

public sealed class RuncExitedContainerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("berth-runc-state-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [RuncFact]
    public async Task DeletesWhatRuncsDeleteWould_TheCgroupsAndTheRecord()
    {
        await using var bundle = await TestBundle.CreateAsync(ChildReaper.ForChildren(), ["true"]);
        await bundle.Runtime.RunDetachedAsync(bundle.Id, bundle.Bundle, RuntimeIo.Null, null, bundle.PidFile, CancellationToken.None);
        var record = Path.Combine(bundle.StateRoot, bundle.Id);
        var cgroups = RuncExitedContainer.ReadCgroupPaths(Path.Combine(record, "state.json"));
        Assert.NotNull(cgroups);
        Assert.NotEmpty(cgroups);
        Assert.All(cgroups, cgroup => Assert.True(Directory.Exists(cgroup), cgroup));
        await WaitUntilStoppedAsync(bundle);

        await bundle.Runtime.DeleteExitedAsync(bundle.Id, CancellationToken.None);

        Assert.False(Directory.Exists(record));
        Assert.All(cgroups, cgroup => Assert.False(Directory.Exists(cgroup), cgroup));
        Assert.Null(await bundle.Runtime.StateAsync(bundle.Id, CancellationToken.None));
        Assert.False(bundle.Runtime.HasState(bundle.Id));
    }

    [Fact]
    public void ReadsTheCgroupPathsOfAnOrdinaryRecord()
    {
        var paths = RuncExitedContainer.ReadCgroupPaths(WriteState(State()));
        Assert.Equal(["/sys/fs/cgroup/unified/berth/c1", "/sys/fs/cgroup/memory/berth/c1"], paths);
    }

    public static TheoryData<string, Action<JsonObject>> RecordsRuncMustDelete => new()
    {
        { "poststop hooks", s => s["config"]!["Hooks"] = new JsonObject { ["poststop"] = new JsonArray(new JsonObject { ["path"] = "/bin/true" }) } },
        { "a joined pid namespace", s => s["config"]!["namespaces"] = new JsonArray(new JsonObject { ["type"] = "NEWPID", ["path"] = "/proc/1/ns/pid" }) },
        { "the host's pid namespace", s => s["config"]!["namespaces"] = new JsonArray(new JsonObject { ["type"] = "NEWNS", ["path"] = "" }) },
        { "systemd cgroups", s => s["config"]!["cgroups"]!["Systemd"] = true },
        { "rootless cgroups", s => s["config"]!["cgroups"]!["Rootless"] = true },
        { "a rootless container", s => s["rootless"] = true },
        { "Intel RDT", s => s["intel_rdt_path"] = "/sys/fs/resctrl/c1" },
        { "a cgroup outside the cgroup mount", s => s["cgroup_paths"]!["memory"] = "/tmp/c1" },
        { "a cgroup path that climbs out", s => s["cgroup_paths"]!["memory"] = "/sys/fs/cgroup/memory/../../../etc" },
        { "no cgroup paths", s => s.Remove("cgroup_paths") },
        { "no config", s => s.Remove("config") },
    };

    [Theory]
    [MemberData(nameof(RecordsRuncMustDelete))]
    public void Declines_WhenRuncsDeleteWouldDoMore(string what, Action<JsonObject> change)
    {
        var state = State();
        change(state);
        Assert.True(RuncExitedContainer.ReadCgroupPaths(WriteState(state)) is null, what);
    }

    [Fact]
    public void Declines_AMissingOrMalformedRecord_AndLeavesTheDirectoryForRunc()
    {
        Assert.Null(RuncExitedContainer.ReadCgroupPaths(Path.Combine(_directory, "absent.json")));
        var file = Path.Combine(_directory, "state.json");
        File.WriteAllText(file, "{\"config\": ");
        Assert.Null(RuncExitedContainer.ReadCgroupPaths(file));

        var record = Directory.CreateDirectory(Path.Combine(_directory, "root", "c1")).FullName;
        File.WriteAllText(Path.Combine(record, "state.json"), "not json");
        Assert.False(RuncExitedContainer.TryDelete(Path.Combine(_directory, "root"), "c1"));
        Assert.True(File.Exists(Path.Combine(record, "state.json")));
    }

    private static JsonObject State() => new()
    {
        ["id"] = "c1",
        ["rootless"] = false,
        ["intel_rdt_path"] = "",
        ["config"] = new JsonObject
        {
            ["namespaces"] = new JsonArray(
                new JsonObject { ["type"] = "NEWNS", ["path"] = "" },
                new JsonObject { ["type"] = "NEWPID", ["path"] = "" }),
            ["cgroups"] = new JsonObject { ["path"] = "/berth/c1", ["Systemd"] = false, ["Rootless"] = false },
            ["Hooks"] = new JsonObject { ["poststop"] = null, ["prestart"] = null },
        },
        ["cgroup_paths"] = new JsonObject
        {
            [""] = "/sys/fs/cgroup/unified/berth/c1",
            ["memory"] = "/sys/fs/cgroup/memory/berth/c1",
        },
    };

    private string WriteState(JsonObject state)
    {
        var file = Path.Combine(_directory, $"state-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, state.ToJsonString());
        return file;
    }

    // runc run --detach returns once the process started; `true` exits right after, and init (our child's child,
    // reparented and reaped elsewhere) is gone when runc says stopped.
    private static async Task WaitUntilStoppedAsync(TestBundle bundle)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((await bundle.Runtime.StateAsync(bundle.Id, CancellationToken.None))?.Status == RuntimeStatus.Stopped) return;
            await Task.Delay(25);
        }
        throw new TimeoutException($"container {bundle.Id} did not stop");
    }
}
