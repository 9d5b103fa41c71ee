using System.Buffers.Binary;
using System.Text;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Compiled seccomp programs, one file per filter under a directory of the run root (so once per boot): the file
/// holds libseccomp's version and the filter's description, which must match, and then the program. A torn or
/// foreign file is compiled again and replaced.
/// </summary>
public static class SeccompProgramCache
{
    // How the compiler lays the program out: programs cached by a Berth that laid them out otherwise are not taken.
    private const string Layout = "binary-tree";

    /// <summary>The program for <paramref name="filter"/>, or null when only the runtime can apply it.</summary>
    public static byte[]? GetOrCompile(LinuxSeccomp filter, string directory)
    {
        var identity = Encoding.UTF8.GetBytes(SeccompCompiler.LibraryVersion() + "\n" + Layout + "\n" + Describe(filter));
        var path = Path.Combine(directory, $"{Fnv1a(identity):x16}.bpf");
        if (TryRead(path, identity) is { } cached) return cached;
        var program = SeccompCompiler.Compile(filter);
        if (program is null) return null;
        Directory.CreateDirectory(directory);
        var content = new byte[4 + identity.Length + program.Length];
        BinaryPrimitives.WriteInt32LittleEndian(content, identity.Length);
        identity.CopyTo(content, 4);
        program.CopyTo(content, 4 + identity.Length);
        var temp = $"{path}.tmp-{Guid.NewGuid():N}";
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
        return program;
    }

    private static byte[]? TryRead(string path, byte[] identity)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (content.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(content) != identity.Length) return null;
        var rest = content.AsSpan(4);
        if (rest.Length <= identity.Length || !rest[..identity.Length].SequenceEqual(identity)) return null;
        var program = rest[identity.Length..];
        return program.Length % BpfInstruction.Size == 0 ? program.ToArray() : null;
    }

    // Everything of the filter that the program depends on, one field after another, every text prefixed by its
    // length so that no two filters read the same. Written by hand: the serializer's metadata for the filter's
    // types (their nullable numbers above all) cost a container start about half a millisecond.
    internal static string Describe(LinuxSeccomp filter)
    {
        var text = new StringBuilder(16 * 1024);
        Text(text, filter.DefaultAction);
        Number(text, filter.DefaultErrnoRet);
        Texts(text, filter.Architectures);
        Texts(text, filter.Flags);
        text.Append(filter.Syscalls?.Count ?? -1).Append('\n');
        foreach (var syscall in filter.Syscalls ?? [])
        {
            Texts(text, syscall.Names);
            Text(text, syscall.Action);
            Number(text, syscall.ErrnoRet);
            text.Append(syscall.Args?.Count ?? -1).Append('\n');
            foreach (var arg in syscall.Args ?? [])
            {
                text.Append(arg.Index).Append(' ').Append(arg.Value).Append(' ').Append(arg.ValueTwo).Append(' ');
                Text(text, arg.Op);
            }
        }
        return text.ToString();
    }

    private static void Text(StringBuilder text, string value) => text.Append(value.Length).Append(':').Append(value).Append('\n');

    private static void Texts(StringBuilder text, IReadOnlyList<string>? values)
    {
        text.Append(values?.Count ?? -1).Append('\n');
        foreach (var value in values ?? []) Text(text, value);
    }

    private static void Number(StringBuilder text, uint? value) => text.Append(value is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-").Append('\n');

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
