using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// posix_spawn with exactly the descriptors the caller names. Descriptors first move above the highest child
/// number (F_DUPFD_CLOEXEC) so no dup2 clobbers a source another mapping still needs, then dup2 places them
/// (dup2 clears close-on-exec on the copy) and closefrom drops everything else, including descriptors a native
/// library opened without O_CLOEXEC. The signal mask is emptied and every disposition reset to default because
/// the .NET runtime blocks and ignores signals (SIGPIPE) that a child must not inherit.
/// </summary>
public static unsafe class ProcessSpawn
{
    /// <summary>
    /// Starts <paramref name="path"/> and returns its pid. <paramref name="descriptors"/>[i] is the parent
    /// descriptor that becomes descriptor i in the child; the child gets no other descriptor.
    /// <paramref name="newSession"/> runs setsid in the child (POSIX_SPAWN_SETSID, glibc 2.26+).
    /// </summary>
    public static int Spawn(
        string path,
        IReadOnlyList<string> argv,
        IReadOnlyList<string> environment,
        ReadOnlySpan<int> descriptors,
        string? workingDirectory,
        bool newSession)
    {
        var moved = new int[descriptors.Length];
        Array.Fill(moved, -1);
        var strings = new List<nint>(argv.Count + environment.Count + 1);
        long* actions = stackalloc long[Libc.SpawnStructLongs];
        long* attributes = stackalloc long[Libc.SpawnStructLongs];
        long* mask = stackalloc long[Libc.SpawnStructLongs];
        long* defaults = stackalloc long[Libc.SpawnStructLongs];
        var actionsReady = false;
        var attributesReady = false;
        try
        {
            for (var i = 0; i < descriptors.Length; i++)
            {
                moved[i] = Libc.Fcntl(descriptors[i], Libc.FDupFdCloexec, descriptors.Length);
                if (moved[i] < 0) throw LinuxIOException.FromLastError("fcntl F_DUPFD_CLOEXEC", null);
            }

            Check(Libc.FileActionsInit(actions), "posix_spawn_file_actions_init", null);
            actionsReady = true;
            for (var i = 0; i < moved.Length; i++)
            {
                Check(Libc.FileActionsAddDup2(actions, moved[i], i), "posix_spawn_file_actions_adddup2", null);
            }

            if (workingDirectory is not null)
            {
                Check(Libc.FileActionsAddChdir(actions, workingDirectory), "posix_spawn_file_actions_addchdir_np", workingDirectory);
            }

            Check(Libc.FileActionsAddCloseFrom(actions, descriptors.Length), "posix_spawn_file_actions_addclosefrom_np", null);

            Check(Libc.SpawnAttrInit(attributes), "posix_spawnattr_init", null);
            attributesReady = true;
            var flags = (short)(Libc.PosixSpawnSetSigMask | Libc.PosixSpawnSetSigDef | (newSession ? Libc.PosixSpawnSetSid : 0));
            Check(Libc.SpawnAttrSetFlags(attributes, flags), "posix_spawnattr_setflags", null);
            Libc.SigEmptySet(mask);
            Check(Libc.SpawnAttrSetSigMask(attributes, mask), "posix_spawnattr_setsigmask", null);
            Libc.SigFillSet(defaults);
            Check(Libc.SpawnAttrSetSigDefault(attributes, defaults), "posix_spawnattr_setsigdefault", null);

            var pathBytes = Utf8(path, strings);
            var argvBlock = Block(argv, strings);
            var envBlock = Block(environment, strings);
            Check(Libc.PosixSpawn(out var pid, pathBytes, actions, attributes, argvBlock, envBlock), "posix_spawn", path);
            return pid;
        }
        finally
        {
            if (actionsReady) Libc.FileActionsDestroy(actions);
            if (attributesReady) Libc.SpawnAttrDestroy(attributes);
            foreach (var fd in moved)
            {
                if (fd >= 0) Libc.Close(fd);
            }

            foreach (var p in strings) Marshal.FreeCoTaskMem(p);
        }
    }

    private static void Check(int error, string operation, string? path)
    {
        if (error != 0) throw new LinuxIOException(operation, path, error);
    }

    private static byte* Utf8(string value, List<nint> owned)
    {
        if (value.Contains('\0')) throw new ArgumentException($"argument contains a NUL byte: {value}");
        var p = Marshal.StringToCoTaskMemUTF8(value);
        owned.Add(p);
        return (byte*)p;
    }

    private static byte** Block(IReadOnlyList<string> values, List<nint> owned)
    {
        var block = (byte**)Marshal.AllocCoTaskMem((values.Count + 1) * sizeof(nint));
        owned.Add((nint)block);
        for (var i = 0; i < values.Count; i++) block[i] = Utf8(values[i], owned);
        block[values.Count] = null;
        return block;
    }
}
