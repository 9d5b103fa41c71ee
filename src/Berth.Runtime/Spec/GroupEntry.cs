namespace Berth.Runtime.Spec;

/// <summary>One /etc/group line (group(5)): name, gid and the user names listed as members.</summary>
public sealed record GroupEntry(string Name, int Gid, IReadOnlyList<string> Members);
