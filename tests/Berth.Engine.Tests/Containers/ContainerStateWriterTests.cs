using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Engine.Containers;

namespace Berth.Engine.Tests.Containers;

/// <summary>
/// The hand-written state writer against the serializer it replaced (same options, kept here as the reference):
/// rows written before and after the change must be the same bytes, so either berth reads the other's.
/// </summary>
public sealed class ContainerStateWriterTests
{
    private static readonly DateTimeOffset[] Times =
    [
        new(2026, 11, 28, 5, 6, 7, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 28, 5, 6, 7, 890, TimeSpan.Zero).AddTicks(1234),
        new(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(-7.5)),
        DateTimeOffset.MaxValue,
    ];

    private static readonly string[] Errors =
    [
        "",
        "runc run failed: \"quoted\" \\ back",
        "é ✓ 😀 <script>&'",
        "line\nbreak\ttab\u0001control",
    ];

    [Fact]
    public void WritesWhatTheSerializerWrote_ForEveryStatusTimeAndText()
    {
        var cases = 0;
        foreach (var status in Enum.GetValues<ContainerStatus>())
        foreach (var error in Errors)
        foreach (DateTimeOffset? started in Times.Cast<DateTimeOffset?>().Prepend(null))
        {
            var state = new ContainerState
            {
                Status = status,
                Pid = cases,
                MonitorPid = -cases,
                ExitCode = cases % 2 == 0 ? 137 : -1,
                Error = error,
                StartedAt = started,
                FinishedAt = cases % 3 == 0 ? null : Times[cases % Times.Length],
                OomKilled = cases % 2 == 1,
                RestartCount = int.MaxValue - cases,
                ManuallyStopped = cases % 5 == 0,
            };
            Assert.Equal(JsonSerializer.Serialize(state, ContainerStateReferenceJsonContext.Default.ContainerState), ContainerStateWriter.Write(state));
            Assert.Equal(state, ContainerStateReader.Read(ContainerStateWriter.Write(state)));
            cases++;
        }
        Assert.Equal(Enum.GetValues<ContainerStatus>().Length * Errors.Length * (Times.Length + 1), cases);
        Assert.Equal(JsonSerializer.Serialize(new ContainerState(), ContainerStateReferenceJsonContext.Default.ContainerState), ContainerStateWriter.Write(new ContainerState()));
    }

    [Fact]
    public void AStatusOutsideTheEnum_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContainerStateWriter.Write(new ContainerState { Status = (ContainerStatus)99 }));
}

/// <summary>The serializer options the container rows were written with before the hand-written writer.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerState))]
internal sealed partial class ContainerStateReferenceJsonContext : JsonSerializerContext;
