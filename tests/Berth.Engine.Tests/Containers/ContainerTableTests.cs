using Berth.Engine.Containers;
using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Engine.Tests.Support;
using Berth.Oci;

namespace Berth.Engine.Tests.Containers;

public sealed class ContainerTableTests : IDisposable
{
    private static readonly string C1 = new('1', 64), C2 = new('2', 64), C3 = new('3', 64);

    private readonly TempDirectory _dir = new();
    private readonly MetadataStore _store;
    private readonly ContainerTable _table;

    public ContainerTableTests()
    {
        _store = new MetadataStore(Path.Combine(_dir.Path, "berth.db"));
        _table = new ContainerTable(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void ARowWrittenHere_ReadsBackAsTheRecordWritten()
    {
        var record = Record(C1, "web");
        _store.Write(t => _table.Insert(t, record, new ContainerState()));

        var read = _store.Read(t => _table.ById(t, C1))!;

        Assert.Same(record, read.Record);
        Assert.Same(record, _store.Read(t => _table.ByName(t, "web"))!.Record);
    }

    [Fact]
    public void ARowChangedElsewhere_IsReadAnew()
    {
        var record = Record(C1, "web");
        _store.Write(t => _table.Insert(t, record, new ContainerState()));
        using (var other = new MetadataStore(Path.Combine(_dir.Path, "berth.db")))
        {
            var elsewhere = new ContainerTable(other);
            other.Write(t => elsewhere.SetRecord(t, record with { Name = "api" }));
        }

        var read = _store.Read(t => _table.ById(t, C1))!;

        Assert.NotSame(record, read.Record);
        Assert.Equal("api", read.Record.Name);
        Assert.Equal(ContainerTable.Serialize(record with { Name = "api" }), ContainerTable.Serialize(read.Record));
    }

    [Fact]
    public void WrittenJson_ReadsBackEqual_InAnotherProcessToo()
    {
        var record = Record(C1, "web") with
        {
            Args = ["-c", "echo hi"],
            Config = new DockerContainerConfig { Image = "busybox", Env = ["A=1"], Tty = true, Labels = new Dictionary<string, string> { ["k"] = "v" } },
            HostConfig = new HostConfig { AutoRemove = true, Binds = ["/a:/b:ro"], Memory = 1 << 20 },
        };
        _store.Write(t => _table.Insert(t, record, new ContainerState { Status = ContainerStatus.Running, Pid = 42 }));

        // The writer's generated code writes what the reader's metadata would have.
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(record, ContainerJsonContext.Default.ContainerRecord), ContainerTable.Serialize(record));
        // A fresh table knows nothing of what this one wrote, as another berth process would not.
        var read = _store.Read(t => new ContainerTable(_store).ById(t, C1))!;

        Assert.NotSame(record, read.Record);
        Assert.Equal(ContainerTable.Serialize(record), ContainerTable.Serialize(read.Record));
        Assert.Equal(ContainerStatus.Running, read.State.Status);
        Assert.Equal(42, read.State.Pid);
    }

    [Fact]
    public void ExecFields_ReadFromTheRowsJson_AreTheRecordsOwn()
    {
        var record = Record(C1, "web") with
        {
            Config = new DockerContainerConfig { Image = "busybox", User = "app:staff", Env = ["A=1", "B="], Hostname = "box" },
            HostConfig = new HostConfig { Privileged = true, GroupAdd = ["audio", "42"], Runtime = "crun" },
            RuntimePath = "/usr/local/bin/crun",
        };
        _store.Write(t => _table.Insert(t, record, new ContainerState()));
        _store.Write(t => _table.Insert(t, Record(C2, "db"), new ContainerState()));

        // Read as another process would, without what this table remembers of its writes.
        var fields = _store.Read(t => ExecRecordFields.Of(new ContainerTable(_store).ById(t, C1)!));
        var defaults = _store.Read(t => ExecRecordFields.Of(new ContainerTable(_store).ById(t, C2)!));

        Assert.Equal(("app:staff", "box", true, "/usr/local/bin/crun", "crun"), (fields.User, fields.Hostname, fields.Privileged, fields.RuntimePath, fields.Runtime));
        Assert.Equal(["A=1", "B="], fields.Env);
        Assert.Equal(["audio", "42"], fields.GroupAdd);
        Assert.Equal(("", "", false, null, "runc"), (defaults.User, defaults.Hostname, defaults.Privileged, defaults.RuntimePath, defaults.Runtime));
        Assert.Null(defaults.GroupAdd);
    }

    [Fact]
    public void MonitorFields_ReadFromTheRowsJson_AreTheRecordsOwn()
    {
        var record = Record(C1, "web") with
        {
            Config = new DockerContainerConfig { Image = "busybox", Tty = true, OpenStdin = true },
            HostConfig = new HostConfig
            {
                AutoRemove = true,
                NetworkMode = "none",
                Runtime = "crun",
                RestartPolicy = new RestartPolicy { Name = "on-failure", MaximumRetryCount = 3 },
                LogConfig = new LogConfig { Config = new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "2" } },
                CgroupParent = "/jobs",
            },
            RuntimePath = "/usr/local/bin/crun",
        };
        _store.Write(t => _table.Insert(t, record, new ContainerState()));
        _store.Write(t => _table.Insert(t, Record(C2, "db"), new ContainerState()));

        // Read as another process would, without what this table remembers of its writes.
        var fields = _store.Read(t => MonitorRecordFields.Of(new ContainerTable(_store).ById(t, C1)!));
        var defaults = _store.Read(t => MonitorRecordFields.Of(new ContainerTable(_store).ById(t, C2)!));

        Assert.Equal((true, true, "/usr/local/bin/crun", "crun", false, true, "/jobs"),
            (fields.Tty, fields.OpenStdin, fields.RuntimePath, fields.Runtime, fields.BridgeMode, fields.AutoRemove, fields.CgroupParent));
        Assert.Equal(record.HostConfig.RestartPolicy, fields.RestartPolicy);
        Assert.Equal(record.HostConfig.LogConfig.Config, fields.LogOptions);
        Assert.Equal("/jobs/" + C1, ContainerService.CgroupsPathOf(C1, fields.CgroupParent));
        Assert.Equal(ContainerService.CgroupsPathOf(record), ContainerService.CgroupsPathOf(C1, fields.CgroupParent));
        // What a record made without flags holds: Docker's default network is a bridge.
        Assert.Equal((false, false, null, "runc", true, false, ""),
            (defaults.Tty, defaults.OpenStdin, defaults.RuntimePath, defaults.Runtime, defaults.BridgeMode, defaults.AutoRemove, defaults.CgroupParent));
        Assert.Equal(new RestartPolicy(), defaults.RestartPolicy);
        Assert.Empty(defaults.LogOptions);
    }

    [Theory]
    [InlineData("""{"Id":"x"}""")]
    [InlineData("""{"Config":null,"HostConfig":[1,2],"RuntimePath":7}""")]
    [InlineData("""{"Config":{"Tty":"yes","Env":"A=1","User":{"a":[1]}},"HostConfig":{"RestartPolicy":"always","LogConfig":{"Config":[]}}}""")]
    // Values of another kind are skipped whole: their members are not taken for the record's.
    [InlineData("""{"Config":{"User":{"Tty":true,"OpenStdin":true},"Hostname":["RuntimePath","x"]},"HostConfig":{"Runtime":{"AutoRemove":true}}}""")]
    public void FieldsOfOtherKinds_OrAbsent_ReadAsUnset(string json)
    {
        var container = new StoredContainer(C1, "web", json, _ => throw new InvalidOperationException("not parsed"), new ContainerState());

        var exec = ExecRecordFields.Of(container);
        var monitor = MonitorRecordFields.Of(container);

        Assert.Equal(("", null, "", false, null, null, "runc"), (exec.User, exec.Env, exec.Hostname, exec.Privileged, exec.GroupAdd, exec.RuntimePath, exec.Runtime));
        Assert.Equal((false, false, null, "runc", true, false, ""),
            (monitor.Tty, monitor.OpenStdin, monitor.RuntimePath, monitor.Runtime, monitor.BridgeMode, monitor.AutoRemove, monitor.CgroupParent));
        Assert.Equal(new RestartPolicy(), monitor.RestartPolicy);
        Assert.Empty(monitor.LogOptions);
    }

    [Fact]
    public void ATakenName_IsRefusedWithDockersText()
    {
        _store.Write(t => _table.Insert(t, Record(C1, "web"), new ContainerState()));

        var e = Assert.Throws<BerthException>(() => _store.Write(t => _table.Insert(t, Record(C2, "web"), new ContainerState())));

        Assert.Equal(ErrorKind.Conflict, e.Kind);
        Assert.Contains("The container name \"/web\" is already in use by container \"" + C1 + "\"", e.Message);
        var renamed = Record(C3, "db");
        _store.Write(t => _table.Insert(t, renamed, new ContainerState()));
        Assert.Throws<BerthException>(() => _store.Write(t => _table.SetRecord(t, renamed with { Name = "web" })));
        _store.Write(t => _table.SetRecord(t, renamed with { Name = "db" }));
    }

    private static ContainerRecord Record(string id, string name) => TestContainers.Record(id, name);
}
