using System.Security.Cryptography;
using System.Text;
using Berth.Oci;

namespace Berth.Content;

/// <summary>
/// Content store on a local directory: <c>blobs/&lt;alg&gt;/&lt;hex&gt;</c> for committed blobs and
/// <c>ingest/&lt;hash of ref&gt;/</c> for writes in progress. A blob path is only ever created by renaming a
/// fully written, fsynced, verified file into place, so readers never see partial content.
/// </summary>
public sealed class LocalContentStore : IContentProvider, IContentIngester, IContentManager
{
    private readonly string _blobs;
    private readonly string _ingest;

    public LocalContentStore(string root)
    {
        _blobs = Path.Combine(root, "blobs");
        _ingest = Path.Combine(root, "ingest");
        Directory.CreateDirectory(Path.Combine(_blobs, Digest.Sha256));
        Directory.CreateDirectory(_ingest);
    }

    internal static string BlobPath(string blobsDirectory, Digest digest) =>
        Path.Combine(blobsDirectory, digest.Algorithm, digest.Encoded);

    public string PathOf(Digest digest) => BlobPath(_blobs, digest);

    public Stream OpenRead(Digest digest)
    {
        try
        {
            return new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw BerthException.NotFound($"content {digest}: not found");
        }
    }

    public ContentInfo? Info(Digest digest)
    {
        var file = new FileInfo(PathOf(digest));
        return file.Exists ? new ContentInfo(digest, file.Length) : null;
    }

    public ContentWriter BeginWrite(string reference)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)));
        var directory = Path.Combine(_ingest, name);
        var lockHandle = AcquireLock(directory);
        File.WriteAllText(Path.Combine(directory, "ref"), reference);
        return new ContentWriter(directory, _blobs, lockHandle);
    }

    // .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None on Unix; a second writer of the same reference
    // retries here until the first is disposed, which serializes two pulls of one blob instead of corrupting
    // its partial file. A writer that commits deletes the ingest directory, lock file included, so a waiter
    // recreates it, and checks after locking that its lock file is still the one at that path.
    private static FileStream AcquireLock(string directory)
    {
        var path = Path.Combine(directory, "lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(directory);
                var handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (File.Exists(path)) return handle;
                handle.Dispose();
            }
            catch (IOException) when (attempt < 6000)
            {
                Thread.Sleep(50);
            }
        }
    }

    public IEnumerable<ContentInfo> Walk()
    {
        foreach (var algorithmDir in Directory.EnumerateDirectories(_blobs))
        {
            var algorithm = Path.GetFileName(algorithmDir);
            foreach (var file in new DirectoryInfo(algorithmDir).EnumerateFiles())
            {
                if (Digest.TryParse($"{algorithm}:{file.Name}", out var digest))
                    yield return new ContentInfo(digest, file.Length);
            }
        }
    }

    public void Delete(Digest digest)
    {
        try { File.Delete(PathOf(digest)); }
        catch (DirectoryNotFoundException) { }
    }

    public void PruneIngests(TimeSpan olderThan)
    {
        var cutoff = DateTime.UtcNow - olderThan;
        foreach (var directory in new DirectoryInfo(_ingest).EnumerateDirectories())
        {
            if (directory.LastWriteTimeUtc > cutoff) continue;
            try
            {
                using var held = new FileStream(Path.Combine(directory.FullName, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Held by a live writer: leave it.
            }
        }
    }
}
