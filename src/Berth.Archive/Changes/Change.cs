namespace Berth.Archive.Changes;

/// <summary>One line of <c>docker diff</c>: a path in the container (absolute, "/etc/hosts") and what happened to it.</summary>
public readonly record struct Change(ChangeKind Kind, string Path)
{
    /// <summary>"C", "A" or "D", the letter <c>docker diff</c> prints.</summary>
    public string Letter => Kind switch
    {
        ChangeKind.Modified => "C",
        ChangeKind.Added => "A",
        _ => "D",
    };

    public override string ToString() => Letter + " " + Path;
}
