namespace Berth.CommandLine.Tests;

public sealed class GoStrconvTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("+7", 7L)]
    [InlineData("-0x1F", -31L)]
    [InlineData("0o17", 15L)]
    [InlineData("0b101", 5L)]
    [InlineData("0_7", 7L)]
    [InlineData("0x_1f", 31L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void ParseInt_Accepts(string text, long expected) => Assert.Equal(expected, GoStrconv.ParseInt(text, 64));

    [Theory]
    [InlineData("9223372036854775808", "value out of range")]
    [InlineData("-9223372036854775809", "value out of range")]
    [InlineData("99999999999999999999999", "value out of range")]
    [InlineData("1_", "invalid syntax")]
    [InlineData("_1", "invalid syntax")]
    [InlineData("08", "invalid syntax")]
    [InlineData("1.5", "invalid syntax")]
    [InlineData("--1", "invalid syntax")]
    [InlineData(" 1", "invalid syntax")]
    public void ParseInt_Rejects(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => GoStrconv.ParseInt(text, 64));
        Assert.Equal($"strconv.ParseInt: parsing {GoStrconv.Quote(text)}: {reason}", ex.Message);
    }

    [Fact]
    public void ParseInt_ThirtyTwoBits()
    {
        Assert.Equal(int.MinValue, GoStrconv.ParseInt("-2147483648", 32));
        Assert.Throws<FormatException>(() => GoStrconv.ParseInt("2147483648", 32));
    }

    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\n\t\u0001", "\"\\n\\t\\x01\"")]
    [InlineData("é", "\"é\"")]
    public void Quote(string text, string expected) => Assert.Equal(expected, GoStrconv.Quote(text));

    [Theory]
    [InlineData('x', "'x'")]
    [InlineData('\'', "'\\''")]
    [InlineData('"', "'\"'")]
    public void QuoteRune(char c, string expected) => Assert.Equal(expected, GoStrconv.QuoteRune(c));

    [Theory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("a,", new[] { "a", "" })]
    [InlineData("\"say \"\"hi\"\"\"", new[] { "say \"hi\"" })]
    [InlineData("", new string[0])]
    public void CsvRecord_Read(string text, string[] expected) => Assert.Equal(expected, CsvRecord.Read(text));

    [Fact]
    public void CsvRecord_WriteQuotesWhatNeedsIt() => Assert.Equal("a,\"b,c\"", CsvRecord.Write(["a", "b,c"]));
}
