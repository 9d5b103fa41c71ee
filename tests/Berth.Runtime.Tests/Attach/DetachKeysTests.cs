using System.Text;
using Berth.Oci;
using Berth.Runtime.Attach;

namespace Berth.Runtime.Tests.Attach;

public sealed class DetachKeysTests
{
    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 16, 17 })]
    [InlineData("ctrl-@,ctrl-a,ctrl-z", new byte[] { 0, 1, 26 })]
    [InlineData("ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_", new byte[] { 27, 28, 29, 30, 31 })]
    [InlineData("a,b,c", new byte[] { 97, 98, 99 })]
    [InlineData("X,DEL", new byte[] { 88, 127 })]
    public void Parse_accepts_dockers_syntax(string keys, byte[] expected)
    {
        var parsed = DetachKeys.Parse(keys);
        Assert.Equal(expected, parsed.Bytes.ToArray());
        Assert.Equal(parsed.Bytes.ToArray(), DetachKeys.Parse(parsed.ToString()).Bytes.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ctrl-A")]
    [InlineData("ctrl-1")]
    [InlineData("ctrl-p,,ctrl-q")]
    [InlineData("abc")]
    [InlineData("ctrl-pp")]
    public void Parse_rejects_bad_keys_with_dockers_message(string keys)
    {
        var e = Assert.Throws<BerthException>(() => DetachKeys.Parse(keys));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"Invalid detach keys ({keys}) provided", e.Message);
    }

    [Fact]
    public void Default_is_ctrl_p_ctrl_q() => Assert.Equal("ctrl-p,ctrl-q", DetachKeys.Default.ToString());

    [Fact]
    public void Scanner_releases_held_bytes_that_were_not_the_sequence()
    {
        var scanner = new DetachKeyScanner(DetachKeys.Default);
        var output = new byte[64];
        Assert.False(scanner.Scan("a\u0010b"u8, output, out var n));
        Assert.Equal("a\u0010b", Encoding.ASCII.GetString(output, 0, n));
        Assert.False(scanner.Scan("\u0010"u8, output, out n));
        Assert.Equal(0, n);
        Assert.False(scanner.Scan("\u0010"u8, output, out n));
        Assert.Equal("\u0010", Encoding.ASCII.GetString(output, 0, n));
        Assert.True(scanner.Scan("\u0011rest"u8, output, out n));
        Assert.Equal(0, n);
    }

    [Fact]
    public void Scanner_finds_the_sequence_inside_one_read_and_keeps_what_came_before()
    {
        var scanner = new DetachKeyScanner(DetachKeys.Parse("ctrl-x"));
        var output = new byte[64];
        Assert.True(scanner.Scan("ls\u0018ignored"u8, output, out var n));
        Assert.Equal("ls", Encoding.ASCII.GetString(output, 0, n));
    }

    [Fact]
    public void Scanner_without_keys_passes_everything()
    {
        var scanner = new DetachKeyScanner(null);
        var output = new byte[64];
        Assert.False(scanner.Scan("\u0010\u0011"u8, output, out var n));
        Assert.Equal(2, n);
    }
}
