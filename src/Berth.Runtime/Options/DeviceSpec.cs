using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>
/// One <c>--device HOST[:CONTAINER][:PERMISSIONS]</c> as docker validates it: the container path must be
/// absolute, permissions are a non-repeating subset of "rwm" (default all three), and a second field that is a
/// valid permission string is taken as permissions rather than a path.
/// </summary>
public sealed record DeviceSpec(string PathOnHost, string PathInContainer, string CgroupPermissions)
{
    public static DeviceSpec Parse(string value)
    {
        var parts = value.Split(':');
        if (parts.Length > 3 || parts[0].Length == 0) throw BerthException.Invalid($"bad format for path: {value}");
        var host = parts[0];
        var container = host;
        var permissions = "rwm";
        switch (parts.Length)
        {
            case 2 when IsPermissions(parts[1]):
                permissions = parts[1];
                break;
            case 2:
                container = parts[1];
                break;
            case 3:
                container = parts[1];
                permissions = parts[2];
                if (!IsPermissions(permissions)) throw BerthException.Invalid($"bad mode specified: {permissions}");
                break;
        }
        if (!container.StartsWith('/')) throw BerthException.Invalid($"{container} is not an absolute path");
        return new DeviceSpec(host, MountPaths.Clean(container), permissions);
    }

    /// <summary>A non-empty string of r, w and m, each at most once.</summary>
    public static bool IsPermissions(string mode) =>
        mode.Length > 0 && mode.All(c => c is 'r' or 'w' or 'm') && mode.Distinct().Count() == mode.Length;
}
