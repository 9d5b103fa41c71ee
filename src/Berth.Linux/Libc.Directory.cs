using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>mkdir(2), for callers that want EEXIST as an answer rather than a stat beforehand.</summary>
internal static partial class Libc
{
    [LibraryImport(Name, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Mkdir(string path, uint mode);
}
