using Berth.Runtime.Seccomp;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>
/// Docker's default profile compiled the way runc compiles it, then run through a BPF interpreter: what the
/// kernel would answer for a syscall, including runc's ENOSYS for numbers newer than the profile.
/// </summary>
public sealed class SeccompProgramTests
{
    private const uint X86_64 = 0xC000003E, I386 = 0x40000003, Aarch64 = 0xC00000B7;
    private const uint Allow = 0x7fff0000, Eperm = 0x00050001, Enosys = 0x00050026;

    private static readonly byte[] Program = SeccompCompiler.Compile(DefaultFilter())
        ?? throw new InvalidOperationException("libseccomp (a dependency of runc) must be installed");

    private static LinuxSeccomp DefaultFilter() =>
        SeccompProfiles.ToLinux(DefaultSeccompProfile.Profile, CapabilityNames.DockerDefault, "amd64", new Version(6, 1), hostRunsX32: false);

    [Theory]
    [InlineData(0, Allow)]      // read
    [InlineData(59, Allow)]     // execve
    [InlineData(126, Allow)]    // capset
    [InlineData(165, Eperm)]    // mount: CAP_SYS_ADMIN only
    [InlineData(272, Eperm)]    // unshare
    [InlineData(320, Eperm)]    // kexec_file_load
    [InlineData(435, Enosys)]   // clone3: docker's profile answers ENOSYS so glibc falls back to clone
    [InlineData(1000, Enosys)]  // newer than anything the profile names
    public void X86_64Syscalls_GetDockersAnswers(int number, uint expected) =>
        Assert.Equal(expected, ClassicBpf.Run(Program, X86_64, number));

    [Theory]
    [InlineData(0x0UL, Allow)]
    [InlineData(0x8UL, Allow)]          // PER_LINUX32
    [InlineData(0xffffffffUL, Allow)]   // the query
    [InlineData(0x40000UL, Eperm)]      // ADDR_NO_RANDOMIZE
    public void Personality_IsAllowedOnlyForDockersPersonas(ulong persona, uint expected) =>
        Assert.Equal(expected, ClassicBpf.Run(Program, X86_64, 135, persona));

    [Fact]
    public void The32BitAbi_IsFilteredWithItsOwnNumbers()
    {
        Assert.Equal(Allow, ClassicBpf.Run(Program, I386, 3));    // read
        Assert.Equal(Eperm, ClassicBpf.Run(Program, I386, 21));   // mount
        Assert.Equal(Enosys, ClassicBpf.Run(Program, I386, 1000));
    }

    [Fact]
    public void AnotherArchitecture_IsKilled()
    {
        // libseccomp's action for an architecture the filter does not cover: the thread dies.
        Assert.Equal(0u, ClassicBpf.Run(Program, Aarch64, 63));
    }

    [Fact]
    public void X32Calls_AreLeftToTheFilter_NotAnsweredWithEnosys()
    {
        // The stub must not turn an x32 call (bit 30) into ENOSYS: the filter, which lacks the x32 ABI, kills it.
        Assert.Equal(0u, ClassicBpf.Run(Program, X86_64, 0x40000000 | 0));
    }

    [Fact]
    public void TheBinaryTree_AnswersEveryCallAsRuncsList()
    {
        var list = SeccompCompiler.Compile(DefaultFilter(), binaryTree: false)!;
        Assert.NotEqual(list, Program);
        // Arguments the profile's conditional rules test: personality's personas, clone's namespace flags,
        // socket's families (40: AF_VSOCK), and values on either side of them.
        ulong[] firstArguments = [0, 1, 8, 16, 40, 0x20008, 0x40000, 0xffffffff, 0x7E020000, 0x10000000, 0x100000000];
        var differences = new List<string>();
        foreach (var arch in new[] { X86_64, I386 })
        {
            for (var number = 0; number < 1100; number++)
            {
                foreach (var argument in firstArguments)
                {
                    var expected = ClassicBpf.Run(list, arch, number, argument, argument);
                    var actual = ClassicBpf.Run(Program, arch, number, argument, argument);
                    if (expected != actual) differences.Add($"arch {arch:x} syscall {number} argument {argument:x}: {actual:x}, runc's {expected:x}");
                }
            }
            Assert.Equal(ClassicBpf.Run(list, arch, 0x40000000), ClassicBpf.Run(Program, arch, 0x40000000));
        }
        Assert.Empty(differences);
    }

    [Fact]
    public void UnsupportedFilters_AreLeftToTheRuntime()
    {
        var filter = DefaultFilter();
        Assert.Null(SeccompCompiler.Compile(filter with { Flags = ["SECCOMP_FILTER_FLAG_LOG"] }));
        Assert.Null(SeccompCompiler.Compile(filter with { Architectures = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X32"] }));
        Assert.Null(SeccompCompiler.Compile(filter with { DefaultAction = "SCMP_ACT_NOTIFY" }));
    }

    [Fact]
    public void TheCache_ReturnsTheSameProgram_AndRecompilesAForeignFile()
    {
        using var dir = new Berth.Testing.TempDir();
        var first = SeccompProgramCache.GetOrCompile(DefaultFilter(), dir.Path);
        Assert.Equal(Program, first);
        var file = Assert.Single(Directory.GetFiles(dir.Path));
        Assert.Equal(Program, SeccompProgramCache.GetOrCompile(DefaultFilter(), dir.Path));

        File.WriteAllBytes(file, [1, 2, 3]);
        Assert.Equal(Program, SeccompProgramCache.GetOrCompile(DefaultFilter(), dir.Path));
        Assert.True(new FileInfo(file).Length > Program.Length);
    }

    [Fact]
    public void EveryPartOfAFilter_TellsItFromAnother_InTheCache()
    {
        var filter = DefaultFilter();
        var syscall = filter.Syscalls![0];
        var withArg = filter.Syscalls.First(s => s.Args is { Count: > 0 });
        var arg = withArg.Args![0];
        LinuxSeccomp[] variants =
        [
            filter,
            filter with { DefaultAction = "SCMP_ACT_KILL" },
            filter with { DefaultErrnoRet = (filter.DefaultErrnoRet ?? 0) + 1 },
            filter with { DefaultErrnoRet = null },
            filter with { Architectures = [] },
            filter with { Architectures = null },
            filter with { Flags = ["SECCOMP_FILTER_FLAG_LOG"] },
            filter with { Syscalls = [] },
            filter with { Syscalls = null },
            filter with { Syscalls = [syscall with { Names = [.. syscall.Names, "x"] }, .. filter.Syscalls.Skip(1)] },
            filter with { Syscalls = [syscall with { Action = "SCMP_ACT_LOG" }, .. filter.Syscalls.Skip(1)] },
            filter with { Syscalls = [syscall with { ErrnoRet = 38 }, .. filter.Syscalls.Skip(1)] },
            Replace(filter, withArg, withArg with { Args = [arg with { Index = arg.Index + 1 }, .. withArg.Args.Skip(1)] }),
            Replace(filter, withArg, withArg with { Args = [arg with { Value = arg.Value + 1 }, .. withArg.Args.Skip(1)] }),
            Replace(filter, withArg, withArg with { Args = [arg with { ValueTwo = arg.ValueTwo + 1 }, .. withArg.Args.Skip(1)] }),
            Replace(filter, withArg, withArg with { Args = [arg with { Op = arg.Op == "SCMP_CMP_NE" ? "SCMP_CMP_EQ" : "SCMP_CMP_NE" }, .. withArg.Args.Skip(1)] }),
            Replace(filter, withArg, withArg with { Args = null }),
            // Texts that would run together without their lengths.
            filter with { Architectures = ["a", "bc"] },
            filter with { Architectures = ["ab", "c"] },
        ];

        var descriptions = variants.Select(SeccompProgramCache.Describe).ToList();

        var collisions = descriptions.Select((d, i) => (d, i)).GroupBy(x => x.d).Where(g => g.Count() > 1).Select(g => string.Join(",", g.Select(x => x.i)));
        Assert.Empty(collisions);
        Assert.Equal(descriptions[0], SeccompProgramCache.Describe(DefaultFilter()));
    }

    private static LinuxSeccomp Replace(LinuxSeccomp filter, LinuxSyscall old, LinuxSyscall replacement) =>
        filter with { Syscalls = filter.Syscalls!.Select(s => ReferenceEquals(s, old) ? replacement : s).ToList() };
}
