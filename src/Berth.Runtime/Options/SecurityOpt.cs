using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// Parses <c>--security-opt</c> values (docker CLI parseSecurityOpts and the daemon's parseSecurityOpt):
/// no-new-privileges[=|:bool], seccomp=unconfined|builtin|FILE; label=... and apparmor=... are accepted and
/// ignored since Berth applies neither SELinux labels nor AppArmor profiles. Later values win.
/// </summary>
public static class SecurityOpt
{
    public static SecurityOptions Parse(IEnumerable<string> values)
    {
        var result = new SecurityOptions();
        foreach (var opt in values)
        {
            if (opt == "no-new-privileges")
            {
                result = result with { NoNewPrivileges = true };
                continue;
            }
            if (opt == "disable") continue; // label=disable's legacy short form
            var separator = opt.IndexOf('=');
            if (separator < 0) separator = opt.IndexOf(':');
            if (separator <= 0 || separator == opt.Length - 1) throw Invalid(opt);
            var key = opt[..separator];
            var value = opt[(separator + 1)..];
            switch (key)
            {
                case "no-new-privileges":
                    result = result with { NoNewPrivileges = GoInts.TryParseBool(value, out var b) ? b : throw Invalid(opt) };
                    break;
                case "seccomp":
                    result = result with { SeccompProfile = value };
                    break;
                case "systempaths":
                    result = result with { UnconfinedSystemPaths = value == "unconfined" ? true : throw Invalid(opt) };
                    break;
                case "label" or "apparmor":
                    break;
                default:
                    throw Invalid(opt);
            }
        }
        return result;
    }

    // Docker's own wording, capital included, so scripts matching docker's output keep working.
    private static BerthException Invalid(string opt) => BerthException.Invalid($"Invalid --security-opt: \"{opt}\"");
}
