namespace Berth.Runtime.Spec;

/// <summary>The ids a container process runs with and the home directory docker sets HOME from.</summary>
public sealed record ResolvedUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home);
