namespace Berth.Engine.Networks;

/// <summary>A bridge on the host and what its state root keeps with it (see <see cref="HostBridgeRegistry"/>).</summary>
internal sealed record HostBridgeOwner(string Bridge, string Root, string NftTable, string ForwardChain);
