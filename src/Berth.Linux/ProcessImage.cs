namespace Berth.Linux;

/// <summary>
/// What a process does to itself just before it becomes another program: a seccomp filter, capability sets,
/// signal state and execve. Each call acts on the calling thread (seccomp, capabilities) or the process.
/// </summary>
public static unsafe class ProcessImage
{
    private const int PrSetDumpable = 4, PrSetSeccomp = 22, SeccompModeFilter = 2, PrCapBsetDrop = 24, PrCapAmbient = 47, PrCapAmbientRaise = 2, PrCapAmbientClearAll = 4;
    private const uint CapabilityVersion3 = 0x20080522;
    private const int SigSetMask = 2, LastSignal = 64, SigKill = 9, SigStop = 19;

    /// <summary>
    /// Keeps other processes of the same user from reading this one's memory or attaching to it (as runc's init
    /// does while it holds more than the container will get); the next execve makes it dumpable again.
    /// </summary>
    public static void MakeUndumpable()
    {
        if (Libc.Prctl(PrSetDumpable, 0, 0, 0, 0) != 0) throw LinuxIOException.FromLastError("prctl PR_SET_DUMPABLE", null);
    }

    /// <summary>Loads a seccomp BPF program (struct sock_filter array) for the calling thread.</summary>
    public static void LoadSeccompFilter(ReadOnlySpan<byte> program)
    {
        fixed (byte* instructions = program)
        {
            // struct sock_fprog: the instruction count, then a pointer to them.
            var header = stackalloc nuint[2];
            header[0] = (nuint)(program.Length / 8);
            header[1] = (nuint)instructions;
            if (Libc.Prctl(PrSetSeccomp, SeccompModeFilter, (nuint)header, 0, 0) != 0)
                throw LinuxIOException.FromLastError("loading the seccomp filter", null);
        }
    }

    /// <summary>Removes a capability from the calling thread's bounding set (needs CAP_SETPCAP).</summary>
    public static void DropBoundingCapability(int capability)
    {
        if (Libc.Prctl(PrCapBsetDrop, (nuint)capability, 0, 0, 0) != 0)
            throw LinuxIOException.FromLastError($"dropping capability {capability} from the bounding set", null);
    }

    /// <summary>Sets the effective, permitted and inheritable sets (bit n is capability n) and the ambient set.</summary>
    public static void SetCapabilities(ulong effective, ulong permitted, ulong inheritable, ulong ambient)
    {
        var header = stackalloc uint[2];
        header[0] = CapabilityVersion3;
        header[1] = 0;
        var data = stackalloc uint[6];
        data[0] = (uint)effective;
        data[1] = (uint)permitted;
        data[2] = (uint)inheritable;
        data[3] = (uint)(effective >> 32);
        data[4] = (uint)(permitted >> 32);
        data[5] = (uint)(inheritable >> 32);
        if (Libc.Capset(header, data) != 0) throw LinuxIOException.FromLastError("capset", null);
        if (Libc.Prctl(PrCapAmbient, PrCapAmbientClearAll, 0, 0, 0) != 0 && ambient != 0)
            throw LinuxIOException.FromLastError("clearing the ambient capabilities", null);
        for (var capability = 0; capability < 64; capability++)
        {
            if ((ambient & (1UL << capability)) != 0 && Libc.Prctl(PrCapAmbient, PrCapAmbientRaise, (nuint)capability, 0, 0) != 0)
                throw LinuxIOException.FromLastError($"raising ambient capability {capability}", null);
        }
    }

    /// <summary>
    /// Unblocks every signal and gives each its default action: execve keeps a blocked or ignored signal so, and
    /// the program that follows must start as if the runtime had started it.
    /// </summary>
    public static void ResetSignals()
    {
        for (var signal = 1; signal <= LastSignal; signal++)
        {
            if (signal is SigKill or SigStop) continue;
            Libc.Signal(signal, 0);
        }
        var empty = stackalloc long[16];
        Libc.SigEmptySet(empty);
        Libc.PthreadSigmask(SigSetMask, empty, null);
    }

    /// <summary>Replaces the process with <paramref name="path"/>; returns only by throwing the failure.</summary>
    public static void Execute(string path, IReadOnlyList<string> argv, IReadOnlyList<byte[]> environment)
    {
        var strings = new List<nint>();
        try
        {
            var args = new nint[argv.Count + 1];
            for (var i = 0; i < argv.Count; i++) strings.Add(args[i] = Utf8(System.Text.Encoding.UTF8.GetBytes(argv[i])));
            var env = new nint[environment.Count + 1];
            for (var i = 0; i < environment.Count; i++) strings.Add(env[i] = Utf8(environment[i]));
            var file = Utf8(System.Text.Encoding.UTF8.GetBytes(path));
            strings.Add(file);
            fixed (nint* argp = args)
            fixed (nint* envp = env)
            {
                Libc.Execve((byte*)file, (byte**)argp, (byte**)envp);
            }
            throw LinuxIOException.FromLastError("execve", path);
        }
        finally
        {
            foreach (var s in strings) System.Runtime.InteropServices.NativeMemory.Free((void*)s);
        }
    }

    private static nint Utf8(byte[] bytes)
    {
        var memory = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(memory, bytes.Length));
        memory[bytes.Length] = 0;
        return (nint)memory;
    }
}
