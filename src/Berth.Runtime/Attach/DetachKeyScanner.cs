namespace Berth.Runtime.Attach;

/// <summary>
/// Finds the detach sequence in stdin as it streams by. Bytes that might start the sequence are held back; when
/// the next byte does not continue it they are passed on after all, so typing ctrl-p alone still reaches the
/// container. Unlike Docker's escape proxy this also matches when the sequence arrives inside one larger read.
/// </summary>
internal sealed class DetachKeyScanner
{
    private readonly byte[] _keys;
    private int _matched;

    public DetachKeyScanner(DetachKeys? keys)
    {
        _keys = keys is null ? [] : keys.Bytes.ToArray();
    }

    /// <summary>Room <see cref="Scan"/> may need in its output for an input of <paramref name="length"/> bytes.</summary>
    public int MaxOutput(int length) => length + _keys.Length;

    /// <summary>
    /// Copies to <paramref name="output"/> the bytes to send; true when the sequence completed (bytes before it are
    /// in the output, bytes after it are dropped with the session).
    /// </summary>
    public bool Scan(ReadOnlySpan<byte> input, Span<byte> output, out int written)
    {
        written = 0;
        if (_keys.Length == 0)
        {
            input.CopyTo(output);
            written = input.Length;
            return false;
        }
        foreach (var b in input)
        {
            if (b == _keys[_matched])
            {
                if (++_matched == _keys.Length)
                    return true;
                continue;
            }
            if (_matched > 0)
            {
                // Not the sequence after all: release what was held, then see whether this byte starts it anew.
                _keys.AsSpan(0, _matched).CopyTo(output[written..]);
                written += _matched;
                _matched = 0;
                if (b == _keys[0])
                {
                    _matched = 1;
                    if (_keys.Length == 1)
                        return true;
                    continue;
                }
            }
            output[written++] = b;
        }
        return false;
    }
}
