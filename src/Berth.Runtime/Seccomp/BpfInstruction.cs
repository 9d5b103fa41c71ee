using System.Buffers.Binary;

namespace Berth.Runtime.Seccomp;

/// <summary>One classic BPF instruction (struct sock_filter): what seccomp programs are made of.</summary>
internal readonly record struct BpfInstruction(ushort Code, byte JumpTrue, byte JumpFalse, uint K)
{
    public const int Size = 8;

    private const ushort LoadWordAbsolute = 0x20, JumpAlways = 0x05, JumpEqual = 0x15, JumpGreater = 0x25, JumpSet = 0x45, Return = 0x06;

    /// <summary>Loads the 32-bit word at <paramref name="offset"/> of struct seccomp_data (0: nr, 4: arch).</summary>
    public static BpfInstruction Load(uint offset) => new(LoadWordAbsolute, 0, 0, offset);

    public static BpfInstruction IfEqual(uint value, byte skipTrue, byte skipFalse) => new(JumpEqual, skipTrue, skipFalse, value);

    public static BpfInstruction IfGreater(uint value, byte skipTrue, byte skipFalse) => new(JumpGreater, skipTrue, skipFalse, value);

    public static BpfInstruction IfBitsSet(uint mask, byte skipTrue, byte skipFalse) => new(JumpSet, skipTrue, skipFalse, mask);

    public static BpfInstruction Skip(uint count) => new(JumpAlways, 0, 0, count);

    public static BpfInstruction Ret(uint value) => new(Return, 0, 0, value);

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, Code);
        destination[2] = JumpTrue;
        destination[3] = JumpFalse;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], K);
    }
}
