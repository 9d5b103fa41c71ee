namespace Berth.Engine.Containers;

/// <summary>How a container's network namespace is set up.</summary>
internal enum NetworkKind
{
    /// <summary>The host's network namespace.</summary>
    Host,
    /// <summary>A new namespace with only a loopback interface.</summary>
    None,
    /// <summary>Another container's namespace (<c>container:NAME</c>).</summary>
    Container,
    /// <summary>A new namespace attached to a bridge network (the default <c>bridge</c> or a user network).</summary>
    Bridge,
}
