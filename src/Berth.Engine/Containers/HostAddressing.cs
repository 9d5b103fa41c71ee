namespace Berth.Engine.Containers;

/// <summary>
/// A bridge-mode container's addressing, for its hosts files: its address on its first network, that network's
/// gateway (what <c>--add-host NAME:host-gateway</c> means), and whether its resolver is the embedded DNS server.
/// </summary>
internal sealed record HostAddressing(string Address, string Gateway, bool EmbeddedDns);
