using Berth.Oci;

namespace Berth.Content;

/// <summary>
/// Writes blobs. Lifecycle: <see cref="BeginWrite"/> opens (or resumes) a writer for a reference string that
/// names the in-flight write (for a pull, the digest being fetched); the caller streams bytes into it and calls
/// <see cref="ContentWriter.CommitAsync"/>, which makes the blob visible atomically only when the digest and
/// size match what was expected. A writer disposed without commit leaves its partial data for a later resume
/// (when <see cref="ContentWriter.KeepPartialOnAbort"/> is set) or deletes it.
/// </summary>
public interface IContentIngester
{
    /// <summary>Starts or resumes a write. Two processes writing the same reference at once: the second waits.</summary>
    ContentWriter BeginWrite(string reference);
}
