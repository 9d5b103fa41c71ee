using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Berth.Runtime.Spec;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Compiled seccomp programs, one file per filter under a directory of the run root (so once per boot): the file
/// holds the filter's JSON and libseccomp's version, which must match, and then the program. A torn or foreign
/// file is compiled again and replaced.
/// </summary>
public static class SeccompProgramCache
{
    /// <summary>The program for <paramref name="filter"/>, or null when only the runtime can apply it.</summary>
    public static byte[]? GetOrCompile(LinuxSeccomp filter, string directory)
    {
        byte[] identity = [.. Encoding.UTF8.GetBytes(SeccompCompiler.LibraryVersion() + "\n"),
            .. JsonSerializer.SerializeToUtf8Bytes(filter, RuntimeSpecWriterJsonContext.Default.LinuxSeccomp)];
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

    private static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
