using Berth.Oci;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Oci;

/// <summary>Turns a runtime name (<c>--runtime</c>) into the binary to run.</summary>
public static class RuntimeLookup
{
    /// <summary>
    /// The full path of <paramref name="name"/>: an absolute path to an executable, or a bare name ("runc",
    /// "crun") found on PATH. Anything else fails with Docker's wording.
    /// </summary>
    public static string Resolve(string name, string? searchPath = null)
    {
        string? found = null;
        if (Path.IsPathRooted(name)) found = ExecutableLookup.Find(name);
        else if (name.Length > 0 && !name.Contains('/')) found = ExecutableLookup.Find(name, searchPath);
        return found ?? throw BerthException.NotFound($"unknown or invalid runtime name: {name}");
    }
}
