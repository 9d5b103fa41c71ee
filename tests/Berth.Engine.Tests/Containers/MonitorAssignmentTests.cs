using Berth.Engine.Containers;
using Berth.Oci;

namespace Berth.Engine.Tests.Containers;

public sealed class MonitorAssignmentTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_start_line_round_trips(bool waitForAttach)
    {
        var line = MonitorAssignment.Format(waitForAttach);
        Assert.EndsWith("\n", line);
        Assert.Equal(waitForAttach, MonitorAssignment.Parse(line.TrimEnd('\n')));
    }

    [Fact]
    public void A_closed_pipe_means_no_start() => Assert.Null(MonitorAssignment.Parse(null));

    [Theory]
    [InlineData("")]
    [InlineData("start now")]
    [InlineData("wait-attach")]
    [InlineData("start wait-attach extra")]
    public void Anything_else_is_refused(string line)
    {
        var error = Assert.Throws<BerthException>(() => MonitorAssignment.Parse(line));
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }
}
