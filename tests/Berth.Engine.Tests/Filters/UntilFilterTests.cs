using Berth.Engine.Filters;

namespace Berth.Engine.Tests.Filters;

/// <summary>Docker's <c>until</c> values (timetypes.GetTimestamp): durations before now, Unix times, RFC 3339.</summary>
public sealed class UntilFilterTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("24h", "2024-05-31T12:00:00Z")]
    [InlineData("10m", "2024-06-01T11:50:00Z")]
    [InlineData("1h30m", "2024-06-01T10:30:00Z")]
    [InlineData("0", "2024-06-01T12:00:00Z")]
    [InlineData("1700000000", "2023-11-14T22:13:20Z")]
    [InlineData("1700000000.5", "2023-11-14T22:13:20.5Z")]
    [InlineData("2024-01-02", "2024-01-02T00:00:00Z")]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z")]
    [InlineData("2024-01-02T03:04:05+02:00", "2024-01-02T01:04:05Z")]
    [InlineData("2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05.1234568Z")]
    public void TryParse_Accepts(string value, string expected)
    {
        Assert.True(UntilFilter.TryParse(value, Now, out var until), value);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), until);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("1d")]
    [InlineData("24 h")]
    public void TryParse_Rejects(string value)
    {
        Assert.False(UntilFilter.TryParse(value, Now, out _));
    }

    [Fact]
    public void TryParse_HugeDuration_DoesNotThrow()
    {
        var ok = UntilFilter.TryParse("99999999999999999999h", Now, out _);
        Assert.False(ok);
    }
}
