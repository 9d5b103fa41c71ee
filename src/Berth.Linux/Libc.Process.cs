using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>
/// Process creation and reaping. posix_spawn takes opaque glibc structs (posix_spawn_file_actions_t is 80 bytes,
/// posix_spawnattr_t 336, sigset_t 128 on 64-bit glibc); callers pass buffers at least <see cref="SpawnStructLongs"/>
/// longs long so no layout is hard-coded here. The spawn functions return an error number instead of setting
/// errno, so they do not set the last error.
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary>Room, in 8-byte words, for any of the opaque spawn structs and sigset_t.</summary>
    internal const int SpawnStructLongs = 64;

    internal const short PosixSpawnSetSigDef = 0x04;
    internal const short PosixSpawnSetSigMask = 0x08;
    internal const short PosixSpawnSetSid = 0x80;

    internal const int FDupFdCloexec = 1030;
    internal const int WAll = 0x40000000;
    internal const int PrSetChildSubreaper = 36;
    internal const int PrGetChildSubreaper = 37;
    internal const int OCloexec = 0x80000;

    [LibraryImport(Name, EntryPoint = "posix_spawn")]
    internal static partial int PosixSpawn(out int pid, byte* path, long* fileActions, long* attributes, byte** argv, byte** envp);

    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_init")]
    internal static partial int FileActionsInit(long* fileActions);

    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static partial int FileActionsDestroy(long* fileActions);

    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static partial int FileActionsAddDup2(long* fileActions, int fd, int newFd);

    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FileActionsAddChdir(long* fileActions, string path);

    [LibraryImport(Name, EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    internal static partial int FileActionsAddCloseFrom(long* fileActions, int from);

    [LibraryImport(Name, EntryPoint = "posix_spawnattr_init")]
    internal static partial int SpawnAttrInit(long* attributes);

    [LibraryImport(Name, EntryPoint = "posix_spawnattr_destroy")]
    internal static partial int SpawnAttrDestroy(long* attributes);

    [LibraryImport(Name, EntryPoint = "posix_spawnattr_setflags")]
    internal static partial int SpawnAttrSetFlags(long* attributes, short flags);

    [LibraryImport(Name, EntryPoint = "posix_spawnattr_setsigmask")]
    internal static partial int SpawnAttrSetSigMask(long* attributes, long* mask);

    [LibraryImport(Name, EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static partial int SpawnAttrSetSigDefault(long* attributes, long* signals);

    [LibraryImport(Name, EntryPoint = "sigemptyset")]
    internal static partial int SigEmptySet(long* set);

    [LibraryImport(Name, EntryPoint = "sigfillset")]
    internal static partial int SigFillSet(long* set);

    /// <summary>fcntl is variadic; an int third argument is passed like a fixed one on x86-64 and arm64 Linux.</summary>
    [LibraryImport(Name, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Name, EntryPoint = "waitpid", SetLastError = true)]
    internal static partial int WaitPid(int pid, out int status, int options);

    [LibraryImport(Name, EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MemfdCreate(string name, uint flags);

    [LibraryImport(Name, EntryPoint = "prctl", SetLastError = true)]
    internal static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport(Name, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport(Name, EntryPoint = "pipe2", SetLastError = true)]
    internal static partial int Pipe2(int* fds, int flags);
}
