using System.Security.Cryptography;
using Berth.Linux;
using Berth.Oci;
using Microsoft.Win32.SafeHandles;

namespace Berth.Content;

/// <summary>
/// An in-flight blob write: a stream that hashes as it writes. Resuming re-reads the bytes already on disk to
/// rebuild the hash, so a resumed write verifies exactly like an uninterrupted one.
/// </summary>
public sealed class ContentWriter : Stream
{
    private readonly string _ingestDirectory;
    private readonly string _blobsDirectory;
    private readonly FileStream _lock;
    private readonly FileStream _data;
    private IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _committed;
    private SafeFileHandle? _writeback;
    private long _writebackFrom;

    private const long WritebackStep = 8 << 20;

    internal ContentWriter(string ingestDirectory, string blobsDirectory, FileStream lockHandle)
    {
        _ingestDirectory = ingestDirectory;
        _blobsDirectory = blobsDirectory;
        _lock = lockHandle;
        _data = new FileStream(System.IO.Path.Combine(ingestDirectory, "data"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        RehashExisting();
    }

    /// <summary>When true, disposing without commit keeps the partial data so a later write can resume it.</summary>
    public bool KeepPartialOnAbort { get; set; }

    /// <summary>Bytes already written (the resume offset).</summary>
    public long Offset => _data.Length;

    /// <summary>Discards what an earlier attempt left, for sources that cannot resume.</summary>
    public void Truncate()
    {
        _data.SetLength(0);
        _data.Position = 0;
        _writebackFrom = 0;
        _hash.Dispose();
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <summary>
    /// Makes the blob visible under its digest when <paramref name="expectedDigest"/> and
    /// <paramref name="expectedSize"/> (when given) match; otherwise throws and discards the data.
    /// Committing content that already exists succeeds without writing it twice.
    /// </summary>
    public async Task<ContentInfo> CommitAsync(Digest? expectedDigest, long? expectedSize, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        await _data.FlushAsync(ct).ConfigureAwait(false);
        var size = _data.Length;
        var digest = Digest.FromSha256Hash(_hash.GetHashAndReset());
        if (expectedSize is { } wantSize && wantSize != size)
        {
            Discard();
            throw BerthException.Invalid($"content size mismatch for {expectedDigest?.ToString() ?? digest.ToString()}: expected {wantSize} bytes, got {size}");
        }
        if (expectedDigest is { } want && want != digest)
        {
            Discard();
            throw BerthException.Invalid($"digest mismatch: expected {want}, got {digest}");
        }
        _data.Flush(flushToDisk: true);
        _data.Dispose();
        _writeback?.Dispose();
        var target = LocalContentStore.BlobPath(_blobsDirectory, digest);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        try
        {
            if (!File.Exists(target)) File.Move(System.IO.Path.Combine(_ingestDirectory, "data"), target);
        }
        catch (IOException) when (File.Exists(target))
        {
            // A concurrent writer committed the same content first; content addressing makes both equal.
        }
        _committed = true;
        // A writer waiting on this reference may recreate the directory as soon as its lock file is gone, so
        // removing the directory is best effort; an empty leftover is pruned later.
        TryDelete(_ingestDirectory);
        return new ContentInfo(digest, size);
    }

    private void Discard()
    {
        _data.SetLength(0);
        KeepPartialOnAbort = false;
    }

    private void RehashExisting()
    {
        if (_data.Length == 0) return;
        var buffer = new byte[1 << 20];
        int read;
        _data.Position = 0;
        while ((read = _data.Read(buffer)) > 0) _hash.AppendData(buffer, 0, read);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        _data.Write(buffer);
        StartWritebackEvery();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _hash.AppendData(buffer.Span);
        await _data.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        StartWritebackEvery();
    }

    // Commit fsyncs the blob; writeback started as the data arrives leaves that fsync little to wait for, and
    // keeps a large blob from landing on the disk all at once at the end of its download. A second descriptor
    // of the same file, because asking the FileStream for its handle would end its position caching.
    private void StartWritebackEvery()
    {
        var written = _data.Position;
        if (written - _writebackFrom < WritebackStep) return;
        _writeback ??= File.OpenHandle(System.IO.Path.Combine(_ingestDirectory, "data"), FileMode.Open, FileAccess.Read);
        Durability.StartWriteback(_writeback, _writebackFrom, written - _writebackFrom);
        _writebackFrom = written;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _data.Length;
    public override long Position { get => _data.Length; set => throw new NotSupportedException(); }
    public override void Flush() => _data.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!_committed)
            {
                var written = _data.Length;
                _data.Dispose();
                if (!KeepPartialOnAbort || written == 0) TryDelete(_ingestDirectory);
            }
            _writeback?.Dispose();
            _hash.Dispose();
            _lock.Dispose();
        }
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
    }
}
