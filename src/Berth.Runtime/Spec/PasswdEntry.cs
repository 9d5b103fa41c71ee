namespace Berth.Runtime.Spec;

/// <summary>One /etc/passwd line (passwd(5)): name, uid, primary gid, home directory, shell.</summary>
public sealed record PasswdEntry(string Name, int Uid, int Gid, string Home, string Shell);
