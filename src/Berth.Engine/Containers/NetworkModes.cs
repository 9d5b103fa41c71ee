using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>A parsed <c>--network</c> value.</summary>
internal readonly record struct NetworkModes(NetworkKind Kind, string? Container, string? Network = null)
{
    /// <summary>
    /// "host", "none", "container:NAME", "bridge" or a user network's name (checked against the networks at
    /// create). Without <c>--network</c> ("default") a container joins the default bridge network, as Docker's do.
    /// </summary>
    public static NetworkModes Parse(string mode) => mode switch
    {
        "" or "default" => new(NetworkKind.Bridge, null, Networks.NetworkNames.Bridge),
        "host" => new(NetworkKind.Host, null),
        "none" => new(NetworkKind.None, null),
        _ when mode.StartsWith("container:", StringComparison.Ordinal) && mode.Length > "container:".Length =>
            new(NetworkKind.Container, mode["container:".Length..]),
        "container:" => throw BerthException.Invalid("invalid container format container:<name|id>"),
        _ => new(NetworkKind.Bridge, null, mode),
    };

    public override string ToString() => Kind switch
    {
        NetworkKind.Host => "host",
        NetworkKind.None => "none",
        NetworkKind.Bridge => Network!,
        _ => "container:" + Container,
    };
}
