using Berth.Oci;

namespace Berth.Engine.Volumes;

/// <summary>
/// Docker's rules for local volume names. The name becomes a directory under the volumes root, so only
/// <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c> is allowed: no slash, no leading dot, so it can never leave that root.
/// </summary>
internal static class VolumeNames
{
    public const string AllowedPattern = "[a-zA-Z0-9][a-zA-Z0-9_.-]";

    /// <summary>Docker labels every volume created without a name with this key (Docker 23+), and prunes by it.</summary>
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    /// <summary>Throws InvalidArgument with docker's text (the <c>create NAME:</c> prefix is docker's OpErr).</summary>
    public static void Validate(string name)
    {
        if (name.Length == 1)
            throw BerthException.Invalid($"create {name}: volume name is too short, names should be at least two alphanumeric characters");
        if (!IsValid(name))
            throw BerthException.Invalid($"create {name}: \"{name}\" includes invalid characters for a local volume name, only \"{AllowedPattern}\" are allowed. If you intended to pass a host directory, use absolute path");
    }

    public static bool IsValid(string name)
    {
        if (name.Length < 2 || !char.IsAsciiLetterOrDigit(name[0])) return false;
        foreach (var c in name.AsSpan(1))
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-')) return false;
        return true;
    }

    /// <summary>64 random hex digits, as docker's stringid.GenerateRandomID.</summary>
    public static string Anonymous() => Berth.Linux.SecureRandom.HexString(32);
}
