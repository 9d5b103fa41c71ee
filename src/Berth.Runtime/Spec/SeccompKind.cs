namespace Berth.Runtime.Spec;

/// <summary>Which seccomp filter a container runs under.</summary>
public enum SeccompKind
{
    /// <summary>Docker's default profile, evaluated against the container's capabilities.</summary>
    Default,

    /// <summary>No filter (<c>--security-opt seccomp=unconfined</c>).</summary>
    Unconfined,

    /// <summary>A profile in Docker's seccomp JSON format (<c>--security-opt seccomp=FILE</c>).</summary>
    Custom,
}
