using Berth.Oci;

namespace Berth.Content;

/// <summary>Lists and deletes committed blobs (garbage collection and <c>system check</c> use it).</summary>
public interface IContentManager
{
    IEnumerable<ContentInfo> Walk();

    /// <summary>Deletes a blob; absent blobs are not an error, as a concurrent collector may have won.</summary>
    void Delete(Digest digest);

    /// <summary>Removes partial writes older than <paramref name="olderThan"/> that no process holds.</summary>
    void PruneIngests(TimeSpan olderThan);
}
