using Berth.Engine.Filters;

namespace Berth.Engine.Tests.Filters;

/// <summary>Cases from Go's time_test.go (parseDurationTests, parseDurationErrorTests); TimeSpan keeps 100 ns ticks.</summary>
public sealed class GoDurationTests
{
    private const long Ns = 1, Us = 1000 * Ns, Ms = 1000 * Us, S = 1000 * Ms, M = 60 * S, H = 60 * M;

    public static TheoryData<string, long> Valid => new()
    {
        { "0", 0 },
        { "5s", 5 * S },
        { "30s", 30 * S },
        { "1478s", 1478 * S },
        { "-5s", -5 * S },
        { "+5s", 5 * S },
        { "5.0s", 5 * S },
        { "5.6s", 5 * S + 600 * Ms },
        { "5.s", 5 * S },
        { ".5s", 500 * Ms },
        { "1.0s", 1 * S },
        { "1.00s", 1 * S },
        { "1.004s", 1 * S + 4 * Ms },
        { "1.0040s", 1 * S + 4 * Ms },
        { "100.00100s", 100 * S + 1 * Ms },
        { "10ns", 10 * Ns },
        { "11us", 11 * Us },
        { "12\u00b5s", 12 * Us },
        { "13ms", 13 * Ms },
        { "14s", 14 * S },
        { "15m", 15 * M },
        { "16h", 16 * H },
        { "3h30m", 3 * H + 30 * M },
        { "10.5s4m", 4 * M + 10 * S + 500 * Ms },
        { "-2m3.4s", -(2 * M + 3 * S + 400 * Ms) },
        { "1h2m3s4ms5us6ns", 1 * H + 2 * M + 3 * S + 4 * Ms + 5 * Us + 6 * Ns },
        { "39h9m14.425s", 39 * H + 9 * M + 14 * S + 425 * Ms },
        { "52763797000ns", 52763797000 * Ns },
        { "0.3333333333333333333h", 20 * M },
        { "0.100000000000000000000h", 6 * M },
        { "0.830103483285477580700h", 49 * M + 48 * S + 372539827 * Ns },
        { "24h", 24 * H },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_GoCases(string text, long nanoseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration), text);
        Assert.Equal(TimeSpan.FromTicks(nanoseconds / 100), duration);
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("+0")]
    public void TryParse_SignedZero_IsZero(string text)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Fact]
    public void TryParse_GreekMu_IsMicroseconds()
    {
        Assert.True(GoDuration.TryParse("12\u03bcs", out var duration));
        Assert.Equal(TimeSpan.FromMicroseconds(12), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("-")]
    [InlineData("s")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData(".s")]
    [InlineData("+.s")]
    [InlineData("1d")]
    [InlineData("\u0085\u0085")]
    [InlineData("hello world")]
    [InlineData("1h 2m")]
    [InlineData(" 1h")]
    [InlineData("1H")]
    public void TryParse_GoErrorCases_Fail(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData("9223372036854775808ns")]
    [InlineData("-9223372036854775809ns")]
    [InlineData("9223372036854775.808us")]
    [InlineData("9223372036854ms775us808ns")]
    [InlineData("99999999999999999999h")]
    public void TryParse_Overflow_Fails(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }
}
