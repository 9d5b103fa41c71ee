using Berth.Content;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Registry;

/// <summary>
/// A blob download that its reader consumes while it is being stored: every byte read from the registry is
/// written to a content writer, progress is reported, and at the end the writer commits only if digest and size
/// match. A broken connection is resumed at the current offset (HTTP Range) a few times before giving up;
/// given up or abandoned, the partial blob stays for the next pull to resume.
/// </summary>
internal sealed class IngestingReadStream : Stream
{
    private const int MaxResumes = 5;
    private readonly Func<long, CancellationToken, Task<Stream>> _reopen;
    private readonly ContentWriter _writer;
    private readonly Descriptor _blob;
    private readonly IProgress<ProgressUpdate>? _progress;
    private readonly string _id;
    private Stream _network;
    private long _position;
    private long _reported;
    private int _resumes;
    private bool _committed;

    public IngestingReadStream(Stream network, Func<long, CancellationToken, Task<Stream>> reopen, ContentWriter writer, Descriptor blob, IProgress<ProgressUpdate>? progress)
    {
        _network = network;
        _reopen = reopen;
        _writer = writer;
        _blob = blob;
        _progress = progress;
        _id = blob.Digest.Short;
        _position = writer.Offset;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_committed || buffer.IsEmpty) return 0;
        int read;
        while (true)
        {
            try
            {
                read = await _network.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (IsTransient(e) && _resumes < MaxResumes && !cancellationToken.IsCancellationRequested)
            {
                _resumes++;
                await _network.DisposeAsync().ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(200 << _resumes), cancellationToken).ConfigureAwait(false);
                _network = await _reopen(_position, cancellationToken).ConfigureAwait(false);
            }
        }
        if (read == 0)
        {
            _progress?.Report(new ProgressUpdate(_id, "Verifying Checksum", _position, _blob.Size));
            await _writer.CommitAsync(_blob.Digest, _blob.Size, cancellationToken).ConfigureAwait(false);
            _committed = true;
            _progress?.Report(new ProgressUpdate(_id, "Download complete", _position, null));
            return 0;
        }
        if (_position + read > _blob.Size)
            throw BerthException.Invalid($"blob {_blob.Digest}: the registry sent more than the {_blob.Size} bytes its descriptor says");
        await _writer.WriteAsync(buffer[..read], cancellationToken).ConfigureAwait(false);
        _position += read;
        if (_progress is not null && (_position - _reported >= 256 << 10 || _position == _blob.Size))
        {
            _reported = _position;
            _progress.Report(new ProgressUpdate(_id, "Downloading", _position, _blob.Size));
        }
        return read;
    }

    // The registry client reports a body cut short as Unavailable; sockets and HTTP fail with their own types.
    private static bool IsTransient(Exception e) =>
        e is IOException or HttpRequestException or BerthException { Kind: ErrorKind.Unavailable };

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _blob.Size;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _network.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _network.Dispose();
            _writer.Dispose();
        }
        base.Dispose(disposing);
    }
}
