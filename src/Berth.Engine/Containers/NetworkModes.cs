using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>A parsed <c>--network</c> value.</summary>
internal readonly record struct NetworkModes(NetworkKind Kind, string? Container)
{
    /// <summary>
    /// "host", "none" and "container:NAME". Until bridge networks exist, "default" (no flag) means the host's
    /// network, which is what a container without <c>--network</c> gets.
    /// </summary>
    public static NetworkModes Parse(string mode) => mode switch
    {
        "" or "default" or "host" => new(NetworkKind.Host, null),
        "none" => new(NetworkKind.None, null),
        _ when mode.StartsWith("container:", StringComparison.Ordinal) && mode.Length > "container:".Length =>
            new(NetworkKind.Container, mode["container:".Length..]),
        "bridge" => throw BerthException.Invalid("network bridge is not available: use --network host, none or container:NAME"),
        _ => throw BerthException.NotFound($"network {mode} not found"),
    };

    public override string ToString() => Kind switch
    {
        NetworkKind.Host => "host",
        NetworkKind.None => "none",
        _ => "container:" + Container,
    };
}
