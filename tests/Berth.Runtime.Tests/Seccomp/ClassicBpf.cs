using System.Buffers.Binary;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>
/// A classic BPF interpreter over struct seccomp_data, as the kernel runs a seccomp program: enough to ask a
/// compiled filter what it returns for a syscall.
/// </summary>
internal static class ClassicBpf
{
    public static uint Run(byte[] program, uint arch, int number, params ulong[] args)
    {
        var data = new byte[64];
        BinaryPrimitives.WriteInt32LittleEndian(data, number);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), arch);
        for (var i = 0; i < args.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(16 + 8 * i), args[i]);
        uint a = 0, x = 0;
        var memory = new uint[16];
        for (var pc = 0; pc < program.Length / 8; pc++)
        {
            var code = BinaryPrimitives.ReadUInt16LittleEndian(program.AsSpan(pc * 8));
            var jt = program[pc * 8 + 2];
            var jf = program[pc * 8 + 3];
            var k = BinaryPrimitives.ReadUInt32LittleEndian(program.AsSpan(pc * 8 + 4));
            var operand = (code & 0x08) != 0 ? x : k;
            switch (code & 0x07)
            {
                case 0x00: // LD
                    a = (code & 0xe0) switch
                    {
                        0x00 => k,
                        0x20 => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)k)),
                        0x60 => memory[k],
                        _ => throw new InvalidOperationException($"ld mode {code:x}"),
                    };
                    break;
                case 0x01: // LDX
                    x = (code & 0xe0) == 0x60 ? memory[k] : k;
                    break;
                case 0x02:
                    memory[k] = a;
                    break;
                case 0x03:
                    memory[k] = x;
                    break;
                case 0x04: // ALU
                    a = (code & 0xf0) switch
                    {
                        0x00 => a + operand,
                        0x10 => a - operand,
                        0x20 => a * operand,
                        0x30 => a / operand,
                        0x40 => a | operand,
                        0x50 => a & operand,
                        0x60 => a << (int)operand,
                        0x70 => a >> (int)operand,
                        0x80 => (uint)-(int)a,
                        0xa0 => a ^ operand,
                        _ => throw new InvalidOperationException($"alu {code:x}"),
                    };
                    break;
                case 0x05: // JMP
                    if ((code & 0xf0) == 0x00)
                    {
                        pc += (int)k;
                        break;
                    }
                    var taken = (code & 0xf0) switch
                    {
                        0x10 => a == operand,
                        0x20 => a > operand,
                        0x30 => a >= operand,
                        0x40 => (a & operand) != 0,
                        _ => throw new InvalidOperationException($"jmp {code:x}"),
                    };
                    pc += taken ? jt : jf;
                    break;
                case 0x06: // RET
                    return (code & 0x18) == 0x10 ? a : k;
                case 0x07: // MISC
                    if ((code & 0xf8) == 0x00) x = a;
                    else a = x;
                    break;
            }
        }
        throw new InvalidOperationException("the program ran off its end");
    }
}
