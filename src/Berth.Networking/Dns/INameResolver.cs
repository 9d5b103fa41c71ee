namespace Berth.Networking.Dns;

/// <summary>
/// What the embedded DNS server knows: the addresses a container name or alias has on the networks the asking
/// container shares with it. The engine implements it over its metadata, so answers follow connects,
/// disconnects, starts and stops without the server being told.
/// </summary>
public interface INameResolver
{
    /// <summary>The IPv4 addresses of <paramref name="name"/> (no final dot, any case); null when the name is not a container's.</summary>
    IReadOnlyList<uint>? Resolve(string name);
}
