using Berth.Builder.Dockerfile;
using Berth.Oci;

namespace Berth.Builder.Tests.Dockerfile;

public sealed class GoNumbersTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("1ns", 1L)]
    [InlineData("1.5h", 5_400_000_000_000L)]
    [InlineData("1h2m3.5s", 3_723_500_000_000L)]
    [InlineData(".5s", 500_000_000L)]
    [InlineData("1.s", 1_000_000_000L)]
    [InlineData("+5s", 5_000_000_000L)]
    [InlineData("-1.5ms", -1_500_000L)]
    [InlineData("3us", 3_000L)]
    [InlineData("3\u00b5s", 3_000L)]
    [InlineData("3\u03bcs", 3_000L)]
    [InlineData("9223372036854775807ns", long.MaxValue)]
    [InlineData("-9223372036854775808ns", long.MinValue)]
    public void ParseDuration_GoSyntax(string text, long nanoseconds)
    {
        Assert.Equal(nanoseconds, GoNumbers.ParseDuration(text));
    }

    [Theory]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("-", "time: invalid duration \"-\"")]
    [InlineData("s", "time: invalid duration \"s\"")]
    [InlineData(".s", "time: invalid duration \".s\"")]
    [InlineData("1", "time: missing unit in duration \"1\"")]
    [InlineData("1s2", "time: missing unit in duration \"1s2\"")]
    [InlineData("1sec", "time: unknown unit \"sec\" in duration \"1sec\"")]
    [InlineData("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"")]
    [InlineData("3000000h", "time: invalid duration \"3000000h\"")]
    public void ParseDuration_Bad_GoMessages(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<BerthException>(() => GoNumbers.ParseDuration(text)).Message);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("+7", 7)]
    [InlineData("-3", -3)]
    [InlineData("2147483647", int.MaxValue)]
    public void ParseInt32_Decimal(string text, int value)
    {
        Assert.Equal(value, GoNumbers.ParseInt32(text));
    }

    [Theory]
    [InlineData("", "strconv.ParseInt: parsing \"\": invalid syntax")]
    [InlineData("0x10", "strconv.ParseInt: parsing \"0x10\": invalid syntax")]
    [InlineData("1_000", "strconv.ParseInt: parsing \"1_000\": invalid syntax")]
    [InlineData("2147483648", "strconv.ParseInt: parsing \"2147483648\": value out of range")]
    public void ParseInt32_Bad_GoMessages(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<BerthException>(() => GoNumbers.ParseInt32(text)).Message);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there\nnl", "\"tab\\there\\nnl\"")]
    [InlineData("\u0001\u007f", "\"\\x01\\x7f\"")]
    [InlineData("é😀", "\"é😀\"")]
    [InlineData("\u200b", "\"\\u200b\"")]
    public void Quote_MatchesGoStrconv(string text, string quoted)
    {
        Assert.Equal(quoted, GoText.Quote(text));
    }
}
