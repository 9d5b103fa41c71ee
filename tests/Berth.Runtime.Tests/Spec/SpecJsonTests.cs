using System.Text;
using System.Text.Json;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecJsonTests
{
    private static string Write(RuntimeSpec spec) => JsonSerializer.Serialize(spec, RuntimeSpecJsonContext.Default.RuntimeSpec);

    private static RuntimeSpec Full => SpecBuilder.Build(new ContainerSpecOptions
    {
        Args = ["sh"], Hostname = "box", Memory = 1 << 26, NanoCpus = 500_000_000, PidsLimit = 10, CgroupsPath = "/berth/x",
        Devices = [new ContainerDevice { PathInContainer = "/dev/null2", Type = 'c', Major = 1, Minor = 3 }],
        HostsPath = "/h", Umask = 18, AdditionalGids = [4],
    });

    [Fact]
    public void Spec_json_round_trips_to_the_same_bytes()
    {
        var first = Write(Full);
        var read = JsonSerializer.Deserialize(first, RuntimeSpecJsonContext.Default.RuntimeSpec)!;
        Assert.Equal(first, Write(read));
    }

    [Fact]
    public void Spec_json_is_compact_camel_case_with_nulls_left_out()
    {
        var json = Write(SpecBuilder.Build(new ContainerSpecOptions { Args = ["sh"] }));
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("\n", json);
        Assert.DoesNotContain("\"hooks\"", json);
        Assert.StartsWith("{\"ociVersion\":\"1.0.2\",\"process\":{\"terminal\":false,", json);
        using var document = JsonDocument.Parse(json);
        var linux = document.RootElement.GetProperty("linux");
        Assert.Equal("SCMP_ACT_ERRNO", linux.GetProperty("seccomp").GetProperty("defaultAction").GetString());
        Assert.True(linux.GetProperty("resources").GetProperty("devices")[0].TryGetProperty("allow", out _));
        Assert.Equal(1048576ul, document.RootElement.GetProperty("process").GetProperty("rlimits")[0].GetProperty("hard").GetUInt64());
    }

    [Fact]
    public void Memory_and_cpu_serialize_under_their_spec_names()
    {
        using var document = JsonDocument.Parse(Write(Full));
        var resources = document.RootElement.GetProperty("linux").GetProperty("resources");
        Assert.Equal(1 << 26, resources.GetProperty("memory").GetProperty("limit").GetInt64());
        Assert.Equal(50000, resources.GetProperty("cpu").GetProperty("quota").GetInt64());
        Assert.Equal(10, resources.GetProperty("pids").GetProperty("limit").GetInt64());
        Assert.Equal(18u, document.RootElement.GetProperty("process").GetProperty("user").GetProperty("umask").GetUInt32());
    }

    [Fact]
    public void Exec_process_json_stands_alone()
    {
        var process = SpecBuilder.BuildExecProcess(new ExecProcessOptions { Args = ["ls"], ContainerCapabilities = ["CAP_KILL"] });
        var json = JsonSerializer.Serialize(process, RuntimeSpecJsonContext.Default.OciProcess);
        Assert.Equal(
            "{\"terminal\":false,\"user\":{\"uid\":0,\"gid\":0},\"args\":[\"ls\"],\"env\":[],\"cwd\":\"/\",\"capabilities\":{\"bounding\":[\"CAP_KILL\"],\"effective\":[\"CAP_KILL\"],\"permitted\":[\"CAP_KILL\"],\"inheritable\":[],\"ambient\":[]},\"noNewPrivileges\":false}",
            json);
    }
    [Fact]
    public void Process_section_reads_alone_from_a_whole_spec_with_what_an_exec_inherits()
    {
        var spec = Full with
        {
            Process = Full.Process! with
            {
                Cwd = "/work",
                NoNewPrivileges = true,
                Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = 1 << 20, Soft = 1024 }, new PosixRlimit { Type = "RLIMIT_CORE", Hard = ulong.MaxValue }],
            },
        };
        var read = RuntimeSpecProcess.Read(Encoding.UTF8.GetBytes(Write(spec))).Process!;
        var inherited = spec.Process!;
        Assert.Equal(inherited.Args, read.Args);
        Assert.Equal("/work", read.Cwd);
        Assert.True(read.NoNewPrivileges);
        Assert.Equal(inherited.Rlimits, read.Rlimits);
        Assert.Equal(
            JsonSerializer.Serialize(inherited.Capabilities, RuntimeSpecJsonContext.Default.OciProcess.Options),
            JsonSerializer.Serialize(read.Capabilities, RuntimeSpecJsonContext.Default.OciProcess.Options));
        Assert.NotEmpty(read.Capabilities!.Bounding);
    }

    [Fact]
    public void Process_section_of_a_spec_without_one_is_null()
    {
        Assert.Null(RuntimeSpecProcess.Read("{\"ociVersion\":\"1.0.2\",\"linux\":{\"seccomp\":{}}}"u8.ToArray()).Process);
        Assert.ThrowsAny<JsonException>(() => RuntimeSpecProcess.Read("{\"process\":"u8.ToArray()));
        Assert.ThrowsAny<JsonException>(() => RuntimeSpecProcess.Read("[]"u8.ToArray()));
    }

    [Fact]
    public void Process_writer_by_hand_writes_the_contexts_bytes()
    {
        var full = Full.Process! with
        {
            ConsoleSize = new ConsoleBox { Height = 24, Width = 80 },
            User = new OciUser { Uid = 1000, Gid = 1000, Umask = 18, AdditionalGids = [10, 4294967295] },
            // Escaping must match too: quotes, control and non-ASCII characters, and what the default encoder escapes.
            Args = ["sh", "-c", "echo \"a<b>&'c'\" +\u00e9\u4e2d\t\n\\"],
            Env = ["PATH=/usr/bin", "EMPTY="],
            Cwd = "/wörk dir",
            Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = ulong.MaxValue, Soft = 1024 }],
            NoNewPrivileges = true,
            OomScoreAdj = -500,
            ApparmorProfile = "docker-default",
        };
        var bare = new OciProcess { Args = ["true"] };
        var exec = SpecBuilder.BuildExecProcess(new ExecProcessOptions { Args = ["ls"], ContainerCapabilities = ["CAP_KILL"] });

        foreach (var process in new[] { full, bare, exec, full with { Capabilities = null, Rlimits = [] } })
        {
            Assert.Equal(
                Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(process, RuntimeSpecWriterJsonContext.Default.OciProcess)),
                Encoding.UTF8.GetString(OciProcessJson.Serialize(process)));
        }
    }

    [Fact]
    public void The_writer_context_writes_the_same_bytes_without_metadata()
    {
        var process = Full.Process! with { Rlimits = [new PosixRlimit { Type = "RLIMIT_NOFILE", Hard = 8, Soft = 4 }], ConsoleSize = new ConsoleBox { Height = 24, Width = 80 } };
        Assert.Equal(
            JsonSerializer.Serialize(process, RuntimeSpecJsonContext.Default.OciProcess),
            JsonSerializer.Serialize(process, RuntimeSpecWriterJsonContext.Default.OciProcess));
        var spec = Full with { Annotations = new Dictionary<string, string> { ["a"] = "b" }, Hooks = null };
        Assert.Equal(Write(spec), JsonSerializer.Serialize(spec, RuntimeSpecWriterJsonContext.Default.RuntimeSpec));
        Assert.Equal(Write(Full), Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(Full, RuntimeSpecWriterJsonContext.Default.RuntimeSpec)));
        // Serialization-only code has no property metadata, so it cannot read a spec back.
        Assert.Empty(RuntimeSpecWriterJsonContext.Default.RuntimeSpec.Properties);
        Assert.ThrowsAny<InvalidOperationException>(() => JsonSerializer.Deserialize(Write(Full), RuntimeSpecWriterJsonContext.Default.RuntimeSpec));
    }
}
