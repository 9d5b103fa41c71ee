using Berth.Runtime.Options;
using Berth.Runtime.Tests.Spec;

namespace Berth.Runtime.Tests.Options;

public sealed class SizeAndCpuTests
{
    [Theory]
    [InlineData("512", 512L)]
    [InlineData("512b", 512L)]
    [InlineData("512k", 512L * 1024)]
    [InlineData("64m", 64L << 20)]
    [InlineData("64M", 64L << 20)]
    [InlineData("64MB", 64L << 20)]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("2t", 2L << 40)]
    [InlineData("32 k", 32L * 1024)]
    [InlineData("0.5", 0L)]
    public void ByteSize_parses_dockers_binary_sizes(string text, long expected) => Assert.Equal(expected, ByteSize.Parse(text));

    [Theory]
    [InlineData("x", "invalid size: 'x'")]
    [InlineData("", "invalid size: ''")]
    [InlineData("-1", "invalid size: '-1'")]
    [InlineData("64q", "invalid suffix: 'q'")]
    [InlineData("64mm", "invalid suffix: 'mm'")]
    [InlineData("64bb", "invalid suffix: 'bb'")]
    [InlineData("64kib2", "strconv.ParseFloat: parsing \"64kib2\": invalid syntax")]
    [InlineData("1.2.3m", "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax")]
    public void ByteSize_refuses_bad_sizes_with_dockers_messages(string text, string message) =>
        Invalid.Throws(message, () => ByteSize.Parse(text));

    [Theory]
    [InlineData("1", 1_000_000_000L)]
    [InlineData("1.5", 1_500_000_000L)]
    [InlineData("0.01", 10_000_000L)]
    [InlineData("3/2", 1_500_000_000L)]
    [InlineData("1e-3", 1_000_000L)]
    [InlineData(".5", 500_000_000L)]
    public void NanoCpus_parses_rationals(string text, long expected) => Assert.Equal(expected, NanoCpus.Parse(text));

    [Theory]
    [InlineData("1.5x", "failed to parse 1.5x as a rational number")]
    [InlineData("", "failed to parse  as a rational number")]
    [InlineData("1/0", "failed to parse 1/0 as a rational number")]
    [InlineData("0.0000000001", "value is too precise")]
    public void NanoCpus_refuses_bad_values_with_dockers_messages(string text, string message) =>
        Invalid.Throws(message, () => NanoCpus.Parse(text));

    [Theory]
    [InlineData("nofile=1024", "nofile", 1024L, 1024L)]
    [InlineData("nofile=1024:2048", "nofile", 1024L, 2048L)]
    [InlineData("core=-1", "core", -1L, -1L)]
    [InlineData("memlock=100:-1", "memlock", 100L, -1L)]
    public void UlimitSpec_parses_soft_and_hard(string text, string name, long soft, long hard) =>
        Assert.Equal(new UlimitSpec(name, soft, hard), UlimitSpec.Parse(text));

    [Theory]
    [InlineData("nofile", "invalid ulimit argument: nofile")]
    [InlineData("files=1", "invalid ulimit type: files")]
    [InlineData("nofile=1:2:3", "too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`")]
    [InlineData("nofile=2048:1024", "ulimit soft limit must be less than or equal to hard limit: 2048 > 1024")]
    [InlineData("nofile=abc", "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("nofile=1:x", "strconv.ParseInt: parsing \"x\": invalid syntax")]
    [InlineData("nofile=99999999999999999999", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range")]
    public void UlimitSpec_refuses_bad_values_with_dockers_messages(string text, string message) =>
        Invalid.Throws(message, () => UlimitSpec.Parse(text));
}
