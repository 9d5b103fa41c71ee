using System.Globalization;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// A container process that gets its seccomp filter from Berth instead of from the runtime. runc compiles the
/// profile with libseccomp at every start and exec (about 10 ms for docker's default profile); Berth compiles it
/// once (<see cref="SeccompProgramCache"/>) and has this step load the program. The runtime starts the step's
/// program, berth-seccomp-step (a static C program, src/Berth.SeccompStep, as it runs inside the container's root
/// and on the path of every start), through
/// <see cref="ExecutableFd"/>, opened on a read-only mount, with the filter's program on
/// <see cref="ProgramFd"/> and a pipe on <see cref="ErrorFd"/>; the step loads the filter, drops what it was lent
/// for that, and executes the real command. The pipe closes at that exec, or carries the reason it failed.
/// <para>
/// Without no_new_privs only a holder of CAP_SYS_ADMIN may load a filter, and only one of CAP_SETPCAP may shrink
/// the bounding set, so the runtime gives the step both (as ambient capabilities too, so that a non-root user
/// keeps them across the exec of the step). After an exec only the bounding, inheritable and ambient sets
/// decide what a program gets, and the step leaves those exactly as the container's spec has them: the command
/// starts with the credentials, capabilities and filter runc would have given it.
/// </para>
/// </summary>
public static class SeccompStep
{
    /// <summary>The first argument of the step, which tells its command line from any other.</summary>
    public const string Marker = "--berth-seccomp-step";
    public const int ProgramFd = 3, ExecutableFd = 4, ErrorFd = 5;

    private const string ArgsEnd = "--";
    private static readonly string[] Lent = ["CAP_SYS_ADMIN", "CAP_SETPCAP"];

    /// <summary>The process to give the runtime: the step in front of the command, with the capabilities it needs.</summary>
    public static OciProcess Wrap(OciProcess process)
    {
        var wanted = process.Capabilities ?? new LinuxCapabilities();
        var sets = string.Join(':', new[] { wanted.Bounding, wanted.Effective, wanted.Permitted, wanted.Inheritable, wanted.Ambient }
            .Select(set => Mask(set).ToString("x", CultureInfo.InvariantCulture)));
        return process with
        {
            Args = [$"/proc/self/fd/{ExecutableFd}", Marker, sets, ArgsEnd, .. process.Args],
            Capabilities = new LinuxCapabilities
            {
                Bounding = WithLent(wanted.Bounding),
                Effective = WithLent(wanted.Effective),
                Permitted = WithLent(wanted.Permitted),
                Inheritable = WithLent(wanted.Inheritable),
                Ambient = WithLent(wanted.Ambient),
            },
        };
    }

    /// <summary>The process as the container's spec asked for it, from a <see cref="Wrap"/>ped one; null if it is not.</summary>
    public static OciProcess? Unwrap(OciProcess process)
    {
        var args = process.Args;
        if (args.Count < 4 || args[1] != Marker || args[3] != ArgsEnd) return null;
        if (ParseSets(args[2]) is not { } sets) return null;
        return process with
        {
            Args = args.Skip(4).ToList(),
            Capabilities = new LinuxCapabilities
            {
                Bounding = Names(sets[0]),
                Effective = Names(sets[1]),
                Permitted = Names(sets[2]),
                Inheritable = Names(sets[3]),
                Ambient = Names(sets[4]),
            },
        };
    }

    private static List<string> WithLent(IReadOnlyList<string> set) => [.. set, .. Lent.Where(c => !set.Contains(c))];

    private static ulong Mask(IReadOnlyList<string> set)
    {
        ulong mask = 0;
        foreach (var name in set)
        {
            var bit = CapabilityNames.Bit(name);
            if (bit >= 0) mask |= 1UL << bit;
        }
        return mask;
    }

    private static List<string> Names(ulong mask) =>
        CapabilityNames.All.Where((_, bit) => (mask & (1UL << bit)) != 0).ToList();

    private static ulong[]? ParseSets(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 5) return null;
        var sets = new ulong[5];
        for (var i = 0; i < 5; i++)
        {
            if (!ulong.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out sets[i])) return null;
        }
        return sets;
    }
}
