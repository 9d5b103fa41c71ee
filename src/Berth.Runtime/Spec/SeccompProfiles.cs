using System.Runtime.InteropServices;
using System.Text.Json;
using Berth.Oci;

namespace Berth.Runtime.Spec;

/// <summary>
/// Turns a docker-format seccomp profile into the OCI filter for one container, as moby's setupSeccomp does:
/// the architecture map picks the native architecture and its compat ones, and each rule is kept only when its
/// includes hold and its excludes do not for this architecture, capability set and kernel.
/// </summary>
internal static class SeccompProfiles
{
    /// <summary>Reads a profile in docker's format; errors name what is wrong as docker does.</summary>
    public static DockerSeccompProfile Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, DockerSeccompJsonContext.Default.DockerSeccompProfile)
                ?? throw BerthException.Invalid("decoding seccomp profile failed: profile is null");
        }
        catch (JsonException e)
        {
            throw BerthException.Invalid($"decoding seccomp profile failed: {e.Message}", e);
        }
    }

    /// <summary>Docker's name for the process architecture (Go's GOARCH), which profile rules match.</summary>
    public static string GoArch(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.X86 => "386",
        Architecture.Arm64 => "arm64",
        Architecture.Arm or Architecture.Armv6 => "arm",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loong64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private static string? NativeScmpArch(string goArch) => goArch switch
    {
        "amd64" => "SCMP_ARCH_X86_64",
        "386" => "SCMP_ARCH_X86",
        "arm64" => "SCMP_ARCH_AARCH64",
        "arm" => "SCMP_ARCH_ARM",
        "s390x" => "SCMP_ARCH_S390X",
        "ppc64le" => "SCMP_ARCH_PPC64LE",
        "riscv64" => "SCMP_ARCH_RISCV64",
        "loong64" => "SCMP_ARCH_LOONGARCH64",
        _ => null,
    };

    /// <summary>
    /// The profile as the runtime spec carries it, for this architecture, capability set and kernel. The x32 ABI
    /// is dropped when <paramref name="hostRunsX32"/> is false: a call of an ABI the filter does not name is
    /// killed instead of failing with ENOSYS, which no x32 program on such a kernel would live to see.
    /// </summary>
    public static LinuxSeccomp ToLinux(
        DockerSeccompProfile profile, IReadOnlyList<string> capabilities, string goArch, Version? kernel, bool hostRunsX32 = true)
    {
        if (profile.Architectures is { Count: > 0 } && profile.ArchMap is { Count: > 0 })
            throw BerthException.Invalid(
                "'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'");
        if (profile.DefaultAction.Length == 0) throw BerthException.Invalid("seccomp profile has no defaultAction");
        var architectures = new List<string>(profile.Architectures ?? []);
        var native = NativeScmpArch(goArch);
        foreach (var entry in profile.ArchMap ?? [])
        {
            if (entry.Architecture != native) continue;
            architectures.Add(entry.Architecture);
            architectures.AddRange(entry.SubArchitectures ?? []);
        }
        if (!hostRunsX32) architectures.Remove("SCMP_ARCH_X32");
        var syscalls = new List<LinuxSyscall>();
        foreach (var rule in profile.Syscalls ?? [])
        {
            if (rule.Name is not null && rule.Names is { Count: > 0 })
                throw BerthException.Invalid(
                    "'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'");
            if (Excluded(rule.Excludes, capabilities, goArch, kernel) || !Included(rule.Includes, capabilities, goArch, kernel))
                continue;
            syscalls.Add(new LinuxSyscall
            {
                Names = rule.Name is not null ? [rule.Name] : rule.Names ?? [],
                Action = rule.Action,
                ErrnoRet = rule.ErrnoRet,
                Args = rule.Args,
            });
        }
        return new LinuxSeccomp
        {
            DefaultAction = profile.DefaultAction,
            DefaultErrnoRet = profile.DefaultErrnoRet,
            Architectures = architectures.Count == 0 ? null : architectures,
            Flags = profile.Flags is { Count: > 0 } ? profile.Flags : null,
            Syscalls = syscalls,
        };
    }

    private static bool Excluded(DockerSeccompFilter? filter, IReadOnlyList<string> caps, string goArch, Version? kernel) =>
        filter is not null && (
            (filter.Arches?.Contains(goArch) ?? false) ||
            (filter.Caps?.Any(caps.Contains) ?? false) ||
            (filter.MinKernel is { } min && KernelAtLeast(kernel, min)));

    private static bool Included(DockerSeccompFilter? filter, IReadOnlyList<string> caps, string goArch, Version? kernel) =>
        filter is null || (
            (filter.Arches is not { Count: > 0 } || filter.Arches.Contains(goArch)) &&
            (filter.Caps?.All(caps.Contains) ?? true) &&
            (filter.MinKernel is not { } min || KernelAtLeast(kernel, min)));

    private static bool KernelAtLeast(Version? kernel, string minimum)
    {
        if (!Version.TryParse(minimum.Contains('.') ? minimum : minimum + ".0", out var min))
            throw BerthException.Invalid($"invalid kernel version in seccomp profile: {minimum}");
        return kernel is null || kernel >= min;
    }
}
