namespace Berth.Runtime.Seccomp;

/// <summary>
/// The prefix runc puts before libseccomp's program, reproduced so that a filter Berth loads behaves as the one
/// runc would have loaded: a syscall numbered above every syscall the profile names (for its architecture) fails
/// with ENOSYS instead of the default action. A kernel newer than the profile then looks like an older kernel to
/// the container (glibc falls back from clone3 or faccessat2 on ENOSYS, not on EPERM).
/// </summary>
internal static class EnosysStub
{
    private const uint ArchOffset = 4, NumberOffset = 0;
    private const uint ReturnEnosys = LibSeccomp.ActErrno | 38;
    // An x86-64 syscall with this bit set comes from the x32 ABI; the stub leaves those to the filter.
    private const uint X32Bit = 0x40000000;

    /// <param name="lastSyscalls">Per audit architecture (AUDIT_ARCH_*), the highest syscall number the profile names.</param>
    /// <param name="x86_64">AUDIT_ARCH_X86_64, whose block also checks for the x32 bit.</param>
    public static List<BpfInstruction> Build(IReadOnlyList<(uint Arch, uint LastSyscall)> lastSyscalls, uint x86_64)
    {
        // Blocks jump forward to two places after them: the ENOSYS return and the filter's first instruction.
        var blocks = lastSyscalls.Select(entry => Block(entry.Arch, entry.LastSyscall, entry.Arch == x86_64)).ToList();
        var program = new List<BpfInstruction> { BpfInstruction.Load(ArchOffset) };
        var remaining = blocks.Sum(b => b.Count);
        foreach (var block in blocks)
        {
            remaining -= block.Count;
            // Distances from the instruction after each one to the ENOSYS return (which follows a final skip).
            for (var i = 0; i < block.Count; i++)
            {
                var afterThis = block.Count - i - 1 + remaining;
                program.Add(Resolve(block[i], toEnosys: afterThis + 1, toFilter: afterThis + 2, toNextBlock: block.Count - i - 1));
            }
        }
        program.Add(BpfInstruction.Skip(1));
        program.Add(BpfInstruction.Ret(ReturnEnosys));
        return program;
    }

    private enum Target : byte { Next, NextBlock, Enosys, Filter }

    private sealed record Pending(BpfInstruction Instruction, Target OnTrue, Target OnFalse);

    private static List<Pending> Block(uint arch, uint lastSyscall, bool checkX32)
    {
        var block = new List<Pending>
        {
            new(BpfInstruction.IfEqual(arch, 0, 0), Target.Next, Target.NextBlock),
            new(BpfInstruction.Load(NumberOffset), Target.Next, Target.Next),
        };
        if (checkX32) block.Add(new(BpfInstruction.IfBitsSet(X32Bit, 0, 0), Target.Filter, Target.Next));
        block.Add(new(BpfInstruction.IfGreater(lastSyscall, 0, 0), Target.Enosys, Target.Next));
        block.Add(new(BpfInstruction.Skip(0), Target.Filter, Target.Filter));
        return block;
    }

    private static BpfInstruction Resolve(Pending pending, int toEnosys, int toFilter, int toNextBlock)
    {
        int Distance(Target target) => target switch
        {
            Target.Next => 0,
            Target.NextBlock => toNextBlock,
            Target.Enosys => toEnosys,
            _ => toFilter,
        };
        var instruction = pending.Instruction;
        if (instruction.Code == BpfInstruction.Skip(0).Code) return BpfInstruction.Skip((uint)Distance(pending.OnTrue));
        if (instruction.Code == BpfInstruction.Load(0).Code) return instruction;
        return instruction with { JumpTrue = checked((byte)Distance(pending.OnTrue)), JumpFalse = checked((byte)Distance(pending.OnFalse)) };
    }
}
