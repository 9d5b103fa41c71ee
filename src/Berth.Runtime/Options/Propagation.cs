namespace Berth.Runtime.Options;

/// <summary>Bind propagation modes (mount_namespaces(7)) and docker's bind mount options built from them.</summary>
public static class Propagation
{
    public static IReadOnlySet<string> Modes { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "private", "rprivate", "shared", "rshared", "slave", "rslave" };

    /// <summary>Docker's default for binds: no events flow in or out of the container.</summary>
    public const string Default = "rprivate";

    /// <summary>The OCI options of a bind: rbind (or bind), ro when read-only, then the propagation mode.</summary>
    public static IReadOnlyList<string> BindOptions(bool readOnly, string? propagation, bool recursive = true)
    {
        var options = new List<string> { recursive ? "rbind" : "bind" };
        if (readOnly) options.Add("ro");
        if (!string.IsNullOrEmpty(propagation)) options.Add(propagation);
        return options;
    }
}
