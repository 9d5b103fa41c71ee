using Berth.Oci;
using Berth.Runtime.Options;
using Berth.Runtime.Spec;

namespace Berth.Engine.Containers;

/// <summary>
/// What <c>--security-opt</c> asks of the spec: no-new-privileges, the seccomp profile to load, and whether /proc
/// and /sys keep Docker's masked and read-only paths.
/// </summary>
internal sealed record SecurityProfile(bool NoNewPrivileges, SeccompMode Seccomp, bool UnconfinedSystemPaths = false)
{
    public static SecurityProfile From(IReadOnlyList<string> securityOpt)
    {
        var options = SecurityOpt.Parse(securityOpt);
        var seccomp = options.SeccompProfile switch
        {
            null => SeccompMode.Default,
            "unconfined" => SeccompMode.Unconfined,
            // The CLI inlines the profile's JSON (as docker's does), so the container keeps it if the file goes.
            var inline when inline.TrimStart().StartsWith('{') => SeccompMode.Custom(inline),
            var file => SeccompMode.Custom(ReadProfile(file)),
        };
        return new SecurityProfile(options.NoNewPrivileges == true, seccomp, options.UnconfinedSystemPaths);
    }

    private static string ReadProfile(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (IOException e)
        {
            throw BerthException.Invalid($"opening seccomp profile ({file}) failed: {e.Message}");
        }
    }
}
