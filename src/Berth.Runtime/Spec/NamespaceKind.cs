namespace Berth.Runtime.Spec;

/// <summary>How a container gets one kind of namespace.</summary>
public enum NamespaceKind
{
    /// <summary>A new namespace of its own (Docker's "private", the default).</summary>
    Private,

    /// <summary>The host's namespace: no entry in the spec, so runc leaves the process in its own.</summary>
    Host,

    /// <summary>Joins an existing namespace by path, e.g. /proc/PID/ns/net for <c>--network container:NAME</c>.</summary>
    Path,
}
