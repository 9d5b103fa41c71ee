namespace Berth.Archive.Changes;

/// <summary>A change's kind, numbered as the Docker Engine API's container changes ("Kind": 0, 1, 2).</summary>
public enum ChangeKind
{
    /// <summary>"C" in <c>docker diff</c>.</summary>
    Modified = 0,

    /// <summary>"A" in <c>docker diff</c>.</summary>
    Added = 1,

    /// <summary>"D" in <c>docker diff</c>.</summary>
    Deleted = 2,
}
