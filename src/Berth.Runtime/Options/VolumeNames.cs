using System.Text.RegularExpressions;
using Berth.Oci;

namespace Berth.Runtime.Options;

/// <summary>Docker's local volume names: two or more of [a-zA-Z0-9_.-], starting with a letter or digit.</summary>
public static partial class VolumeNames
{
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex Pattern();

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>Throws docker's error for creating a volume with this name, or returns.</summary>
    public static void Validate(string name)
    {
        if (name.Length == 1)
            throw BerthException.Invalid($"create {name}: volume name is too short, names should be at least two alphanumeric characters");
        if (!IsValid(name))
        {
            throw BerthException.Invalid(
                $"create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
    }
}
