using System.Text.Json;
using Berth.Engine.Containers;

namespace Berth.Engine.Tests.Containers;

public sealed class ContainerStateReaderTests
{
    private static readonly ContainerState Everything = new()
    {
        Status = ContainerStatus.Restarting,
        Pid = 4242,
        MonitorPid = 4241,
        ExitCode = 137,
        Error = "runc run failed: \"quoted\" \u00e9",
        StartedAt = new DateTimeOffset(2026, 11, 28, 5, 6, 7, 890, TimeSpan.Zero).AddTicks(1234),
        FinishedAt = new DateTimeOffset(2026, 11, 28, 6, 7, 8, TimeSpan.FromHours(2)),
        OomKilled = true,
        RestartCount = 3,
        ManuallyStopped = true,
    };

    [Fact]
    public void ReadsBackEveryFieldTheWriterWrites()
    {
        // A field added to ContainerState must be set here too, so that the reader is made to read it.
        foreach (var property in typeof(ContainerState).GetProperties().Where(p => p.CanWrite))
            Assert.NotEqual(property.GetValue(new ContainerState()), property.GetValue(Everything));

        Assert.Equal(Everything, ContainerStateReader.Read(ContainerTable.Serialize(Everything)));
        Assert.Equal(new ContainerState(), ContainerStateReader.Read(ContainerTable.Serialize(new ContainerState())));
    }

    [Fact]
    public void ReadsEveryStatus()
    {
        foreach (var status in Enum.GetValues<ContainerStatus>())
            Assert.Equal(status, ContainerStateReader.Read(ContainerTable.Serialize(new ContainerState { Status = status })).Status);
    }

    [Fact]
    public void SkipsFieldsItDoesNotKnow_AndRejectsWhatIsNoState()
    {
        Assert.Equal(new ContainerState { Pid = 7 }, ContainerStateReader.Read("""{"Future":{"a":[1,2]},"Pid":7,"Later":"x","StartedAt":null}"""));
        Assert.Throws<JsonException>(() => ContainerStateReader.Read("""{"Status":"Sleeping"}"""));
        Assert.Throws<JsonException>(() => ContainerStateReader.Read("[]"));
        Assert.ThrowsAny<JsonException>(() => ContainerStateReader.Read("""{"Pid":"""));
    }
}
