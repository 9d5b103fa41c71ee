using Berth.Oci;
using Berth.Runtime.Logs;

namespace Berth.Runtime.Tests.Logs;

public sealed class JsonFileLogOptionsTests
{
    [Theory]
    [InlineData("10m", 10L << 20)]
    [InlineData("1k", 1024L)]
    [InlineData("2g", 2L << 30)]
    [InlineData("512", 512L)]
    [InlineData("1.5KiB", 1536L)]
    [InlineData("3MB", 3L << 20)]
    public void ParseSize_uses_binary_units_like_docker(string text, long expected) =>
        Assert.Equal(expected, JsonFileLogOptions.ParseSize(text));

    [Theory]
    [InlineData("ten")]
    [InlineData("")]
    [InlineData("10x")]
    [InlineData("-5m")]
    public void ParseSize_rejects_bad_sizes_with_dockers_text(string text)
    {
        var e = Assert.Throws<BerthException>(() => JsonFileLogOptions.ParseSize(text));
        Assert.Equal($"invalid size: '{text}'", e.Message);
    }

    [Fact]
    public void FromLogOpts_reads_max_size_and_max_file()
    {
        var o = JsonFileLogOptions.FromLogOpts(new Dictionary<string, string> { ["max-size"] = "1m", ["max-file"] = "3" });
        Assert.Equal(1L << 20, o.MaxSize);
        Assert.Equal(3, o.MaxFiles);
    }

    [Theory]
    [InlineData("max-file", "0", "max-file cannot be less than 1")]
    [InlineData("max-size", "0", "max-size must be a positive number")]
    [InlineData("compresss", "true", "unknown log opt 'compresss' for json-file log driver")]
    public void FromLogOpts_rejects_bad_options(string key, string value, string message)
    {
        var e = Assert.Throws<BerthException>(() => JsonFileLogOptions.FromLogOpts(new Dictionary<string, string> { [key] = value }));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }
}
