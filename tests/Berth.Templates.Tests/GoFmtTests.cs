using Berth.Templates.Execution;

namespace Berth.Templates.Tests;

public sealed class GoFmtTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(100000.0, "100000")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(123456789.0, "1.23456789e+08")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0, "0")]
    public void Floats_print_like_go_percent_v(double value, string expected) =>
        Assert.Equal(expected, GoFmt.FormatV(value));

    [Theory]
    [InlineData("%.2f", 2.345, "2.35")]
    [InlineData("%8.3f|", 3.14159, "   3.142|")]
    [InlineData("%-8.1f|", 3.14159, "3.1     |")]
    [InlineData("%e", 123456.0, "1.234560e+05")]
    [InlineData("%g", 1e-7, "1e-07")]
    [InlineData("%.3g", 1234.0, "1.23e+03")]
    [InlineData("%v", 2.0, "2")]
    public void Printf_float_verbs(string format, double value, string expected) =>
        Assert.Equal(expected, GoPrintf.Sprintf(format, [value]));

    [Theory]
    [InlineData("%5d|", 42L, "   42|")]
    [InlineData("%-5d|", 42L, "42   |")]
    [InlineData("%05d", -42L, "-0042")]
    [InlineData("%x", 3054L, "bee")]
    [InlineData("%#x", 255L, "0xff")]
    [InlineData("%o", 8L, "10")]
    [InlineData("%b", 5L, "101")]
    [InlineData("%q", 65L, "'A'")]
    [InlineData("%s", 5L, "%!s(int=5)")]
    public void Printf_integer_verbs(string format, long value, string expected) =>
        Assert.Equal(expected, GoPrintf.Sprintf(format, [value]));

    [Theory]
    [InlineData("%q", "a\"b\n", "\"a\\\"b\\n\"")]
    [InlineData("%x", "hi", "6869")]
    [InlineData("%.2s", "héllo", "hé")]
    [InlineData("%6.2s|", "héllo", "    hé|")]
    [InlineData("%t", "x", "%!t(string=x)")]
    public void Printf_string_verbs(string format, string value, string expected) =>
        Assert.Equal(expected, GoPrintf.Sprintf(format, [value]));
}
