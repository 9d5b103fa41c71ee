using Berth.Engine.Containers;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Tests.Containers;

public sealed class ContainerRulesTests
{
    [Theory]
    [InlineData("no", 0, 1, 0, false)]
    [InlineData("always", 0, 0, 5, true)]
    [InlineData("unless-stopped", 0, 0, 5, true)]
    [InlineData("on-failure", 0, 1, 100, true)]
    [InlineData("on-failure", 0, 0, 0, false)]
    [InlineData("on-failure", 2, 1, 1, true)]
    [InlineData("on-failure", 2, 1, 2, false)]
    public void Restart_decisions_follow_the_policy(string name, int max, int exitCode, int restarts, bool expected) =>
        Assert.Equal(expected, RestartPolicies.ShouldRestart(new RestartPolicy { Name = name, MaximumRetryCount = max }, exitCode, restarts, manuallyStopped: false));

    [Fact]
    public void A_manually_stopped_container_is_never_restarted() =>
        Assert.False(RestartPolicies.ShouldRestart(new RestartPolicy { Name = "always" }, 1, 0, manuallyStopped: true));

    [Theory]
    [InlineData("sometimes", 0, false, "unknown policy 'sometimes'")]
    [InlineData("always", 3, false, "maximum retry count can only be used with 'on-failure'")]
    [InlineData("on-failure", -1, false, "maximum retry count cannot be negative")]
    [InlineData("always", 0, true, "can't create 'AutoRemove' container with restart policy")]
    public void Invalid_policies_are_refused(string name, int max, bool autoRemove, string message)
    {
        var error = Assert.Throws<BerthException>(() => RestartPolicies.Validate(new RestartPolicy { Name = name, MaximumRetryCount = max }, autoRemove));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("", "bridge")]
    [InlineData("default", "bridge")]
    [InlineData("host", "host")]
    [InlineData("none", "none")]
    [InlineData("container:web", "container:web")]
    [InlineData("bridge", "bridge")]
    [InlineData("mynet", "mynet")]
    public void Network_modes_parse(string mode, string expected) => Assert.Equal(expected, NetworkModes.Parse(mode).ToString());

    [Fact]
    public void Other_names_are_bridge_networks_and_an_empty_container_is_invalid()
    {
        Assert.Equal(NetworkKind.Bridge, NetworkModes.Parse("mynet").Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => NetworkModes.Parse("container:")).Kind);
    }

    [Fact]
    public void Resolv_conf_lines_are_replaced_by_the_flags()
    {
        const string host = "nameserver 10.0.0.1\nsearch corp\noptions ndots:2\n";
        Assert.Equal(host, HostFiles.ResolvConf(host, [], [], []));
        Assert.Equal("search corp\noptions ndots:2\nnameserver 1.1.1.1\nnameserver 9.9.9.9\n", HostFiles.ResolvConf(host, ["1.1.1.1", "9.9.9.9"], [], []));
        Assert.Equal("nameserver 10.0.0.1\nsearch a.b c.d\noptions rotate\n", HostFiles.ResolvConf(host, [], ["a.b", "c.d"], ["rotate"]));
    }

    [Fact]
    public void Status_texts_are_dockers()
    {
        var now = DateTimeOffset.Parse("2026-01-01T12:00:00Z");
        Assert.Equal("Created", ContainerStatusText.Of(new ContainerState(), now));
        Assert.Equal("Up 5 seconds", ContainerStatusText.Of(new ContainerState { Status = ContainerStatus.Running, StartedAt = now.AddSeconds(-5) }, now));
        Assert.Equal("Up About a minute (Paused)", ContainerStatusText.Of(new ContainerState { Status = ContainerStatus.Paused, StartedAt = now.AddSeconds(-70) }, now));
        Assert.Equal("Exited (137) 2 hours ago", ContainerStatusText.Of(new ContainerState { Status = ContainerStatus.Exited, ExitCode = 137, FinishedAt = now.AddHours(-2) }, now));
    }
}
