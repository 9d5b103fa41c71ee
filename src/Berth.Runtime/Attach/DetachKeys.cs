using Berth.Oci;

namespace Berth.Runtime.Attach;

/// <summary>
/// The key sequence that detaches a client and leaves the container running, in Docker's <c>--detach-keys</c>
/// syntax: comma-separated keys, each a single character, <c>ctrl-@</c>, <c>ctrl-a</c>…<c>ctrl-z</c>,
/// <c>ctrl-[</c>, <c>ctrl-\</c>, <c>ctrl-]</c>, <c>ctrl-^</c>, <c>ctrl-_</c> or <c>DEL</c>.
/// </summary>
public sealed class DetachKeys
{
    private readonly byte[] _bytes;

    private DetachKeys(byte[] bytes)
    {
        _bytes = bytes;
    }

    /// <summary>Docker's default, ctrl-p then ctrl-q.</summary>
    public static DetachKeys Default => new([0x10, 0x11]);

    /// <summary>The bytes a terminal sends for the sequence.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Parses Docker's syntax; a bad key fails with Docker's "Invalid detach keys (...) provided".</summary>
    public static DetachKeys Parse(string keys)
    {
        var bytes = new List<byte>();
        foreach (var key in keys.Split(','))
        {
            if (key.Length == 1 && key[0] < 0x80)
                bytes.Add((byte)key[0]);
            else if (key == "DEL")
                bytes.Add(0x7F);
            else if (key.Length == 6 && key.StartsWith("ctrl-", StringComparison.Ordinal) && ControlCode(key[5]) is { } code)
                bytes.Add(code);
            else
                throw BerthException.Invalid($"Invalid detach keys ({keys}) provided");
        }
        return new DetachKeys([.. bytes]);
    }

    public override string ToString() => string.Join(',', _bytes.Select(Name));

    /// <summary>moby/term's table: ctrl-@ is 0, ctrl-a…ctrl-z are 1–26, then [ \ ] ^ _ are 27–31.</summary>
    private static byte? ControlCode(char c) => c switch
    {
        '@' => 0,
        >= 'a' and <= 'z' => (byte)(c - 'a' + 1),
        '[' => 27,
        '\\' => 28,
        ']' => 29,
        '^' => 30,
        '_' => 31,
        _ => null,
    };

    private static string Name(byte b) => b switch
    {
        0 => "ctrl-@",
        >= 1 and <= 26 => "ctrl-" + (char)('a' + b - 1),
        27 => "ctrl-[",
        28 => "ctrl-\\",
        29 => "ctrl-]",
        30 => "ctrl-^",
        31 => "ctrl-_",
        0x7F => "DEL",
        _ => ((char)b).ToString(),
    };
}
