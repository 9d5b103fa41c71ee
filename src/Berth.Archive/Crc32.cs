using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Berth.Archive;

/// <summary>
/// CRC-32 as gzip uses it (RFC 1952 section 8: polynomial 0xEDB88320, reflected, inverted), slicing-by-8 so
/// it keeps pace with decompression. The framework's own implementation is internal to System.IO.Compression.
/// </summary>
internal sealed class Crc32
{
    private static readonly uint[] Table = BuildTable();
    private uint _state = 0xFFFFFFFF;

    public uint Value => ~_state;

    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = _state;
        // Unchecked table and input access: the bounds checks otherwise cost more than the CRC itself.
        ref var t = ref MemoryMarshal.GetArrayDataReference(Table);
        ref var p = ref MemoryMarshal.GetReference(data);
        var length = data.Length;
        var i = 0;
        for (; i + 8 <= length; i += 8)
        {
            var low = crc ^ Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i));
            var high = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i + 4));
            crc = Unsafe.Add(ref t, 7 * 256 + (int)(low & 0xFF)) ^ Unsafe.Add(ref t, 6 * 256 + (int)((low >> 8) & 0xFF)) ^
                  Unsafe.Add(ref t, 5 * 256 + (int)((low >> 16) & 0xFF)) ^ Unsafe.Add(ref t, 4 * 256 + (int)(low >> 24)) ^
                  Unsafe.Add(ref t, 3 * 256 + (int)(high & 0xFF)) ^ Unsafe.Add(ref t, 2 * 256 + (int)((high >> 8) & 0xFF)) ^
                  Unsafe.Add(ref t, 256 + (int)((high >> 16) & 0xFF)) ^ Unsafe.Add(ref t, (int)(high >> 24));
        }
        for (; i < length; i++) crc = Unsafe.Add(ref t, (int)((crc ^ Unsafe.Add(ref p, i)) & 0xFF)) ^ (crc >> 8);
        _state = crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        for (var i = 0; i < 256; i++)
            for (var slice = 1; slice < 8; slice++)
                table[slice * 256 + i] = (table[(slice - 1) * 256 + i] >> 8) ^ table[table[(slice - 1) * 256 + i] & 0xFF];
        return table;
    }
}
