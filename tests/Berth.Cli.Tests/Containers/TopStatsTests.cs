using System.Text.Json;

namespace Berth.Cli.Tests.Containers;

/// <summary><c>berth top</c> and <c>berth stats</c> on real containers.</summary>
public sealed class TopStatsTests : IDisposable
{
    private readonly ContainerHost _host = new();

    [Fact]
    public void Top_lists_the_containers_processes_and_no_host_process()
    {
        _host.Detached("--name", "busy", ContainerHost.Image, "sleep", "4242");
        var pid = _host.Inspect("busy", "{{.State.Pid}}");
        var lines = _host.Run("top", "busy").Ok().Lines;
        Assert.Matches(@"^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        var fields = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(pid, fields[1]);
        Assert.EndsWith("sleep 4242", row);

        _host.Run("exec", "-d", "busy", "sleep", "4343").Ok();
        ContainerHost.Eventually(() => _host.Run("top", "busy").Lines.Length == 3, "the exec'd process in top");
        var both = _host.Run("top", "busy").Ok().Lines.Skip(1).ToList();
        Assert.Contains(both, l => l.EndsWith("sleep 4343", StringComparison.Ordinal));
        Assert.DoesNotContain(both, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == Environment.ProcessId.ToString());
    }

    [Fact]
    public void Top_passes_ps_options_and_refuses_a_format_without_pid()
    {
        _host.Detached("--name", "busy", ContainerHost.Image, "sleep", "4242");
        var lines = _host.Run("container", "top", "busy", "-o", "pid,comm").Ok().Lines;
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^PID\s+COMMAND$", lines[0]);
        Assert.Matches(@"^\d+\s+sleep$", lines[1]);
        _host.Run("top", "busy", "-o", "comm").OneLineError("Couldn't find PID field in ps output");
        _host.Run("top", "busy", "-o", "user=PID").OneLineError("specifying \"user=PID\" is not allowed");
    }

    [Fact]
    public void Top_of_a_stopped_or_missing_container_fails()
    {
        var id = _host.Run("create", "--name", "idle", ContainerHost.Image, "sleep", "10").Ok().Stdout.Trim();
        _host.Run("top", "idle").OneLineError($"container {id} is not running");
        _host.Run("top", "ghost").OneLineError("No such container: ghost");
    }

    [Fact]
    public void Stats_no_stream_shows_running_containers_with_their_limit_and_pids()
    {
        var id = _host.Detached("--name", "measured", "--memory", "64m", ContainerHost.Image, "sh", "-c", "sleep 1000 & sleep 1000 & wait");
        _host.Run("create", "--name", "idle", ContainerHost.Image, "true").Ok();
        ContainerHost.Eventually(() => _host.Run("top", "measured").Lines.Length == 4, "three processes");

        var lines = _host.Run("stats", "--no-stream").Ok().Lines;
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE / LIMIT\s+MEM %\s+NET I/O\s+BLOCK I/O\s+PIDS$", lines[0]);
        var cells = lines[1].Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(8, cells.Length);
        Assert.Equal(id[..12], cells[0]);
        Assert.Equal("measured", cells[1]);
        Assert.Matches(@"^\d+\.\d\d%$", cells[2]);
        Assert.Matches(@"^[\d.]+(B|KiB|MiB) / 64MiB$", cells[3]);
        Assert.Matches(@"^\d+\.\d\d%$", cells[4]);
        Assert.Equal("0B / 0B", cells[5]);
        Assert.Matches(@"^[\d.]+[kMG]?B / [\d.]+[kMG]?B$", cells[6]);
        Assert.Equal("3", cells[7]);

        // -a adds the container that never ran, at zero.
        var all = _host.Run("stats", "--no-stream", "-a", "--format", "{{.Name}} {{.MemUsage}} {{.PIDs}}").Ok().Lines;
        Assert.Contains("idle 0B / 0B 0", all);
        Assert.Equal(2, all.Length);
    }

    [Fact]
    public void Stats_formats_as_json_and_templates()
    {
        var id = _host.Detached("--name", "measured", ContainerHost.Image, "sleep", "1000");
        var line = Assert.Single(_host.Run("stats", "--no-stream", "--no-trunc", "--format", "json", "measured").Ok().Lines);
        using var doc = JsonDocument.Parse(line);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["BlockIO", "CPUPerc", "Container", "ID", "MemPerc", "MemUsage", "Name", "NetIO", "PIDs"], keys);
        Assert.Equal(id, doc.RootElement.GetProperty("ID").GetString());
        Assert.Equal("measured", doc.RootElement.GetProperty("Container").GetString());
        Assert.Equal("measured", doc.RootElement.GetProperty("Name").GetString());
        Assert.Equal("1", doc.RootElement.GetProperty("PIDs").GetString());
        // No limit set: the host's memory is the limit.
        Assert.DoesNotContain("/ 0B", doc.RootElement.GetProperty("MemUsage").GetString());

        var table = _host.Run("stats", "--no-stream", "--format", "table {{.Container}}\t{{.ID}}", id[..8]).Ok().Lines;
        Assert.Matches(@"^CONTAINER\s+CONTAINER ID$", table[0]);
        Assert.Matches($@"^{id[..8]}\s+{id[..12]}$", table[1]);
    }

    [Fact]
    public void Stats_of_a_missing_container_fails()
    {
        _host.Run("stats", "--no-stream", "ghost").OneLineError("No such container: ghost");
    }

    public void Dispose() => _host.Dispose();
}
