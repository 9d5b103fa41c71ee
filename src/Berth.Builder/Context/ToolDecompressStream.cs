using System.Diagnostics;

namespace Berth.Builder.Context;

/// <summary>
/// The output of a decompressor process (<c>xz</c>, <c>bzip2</c>) fed from a stream. A non-zero exit is reported
/// at end of output as <see cref="InvalidDataException"/>, so a truncated or corrupt input never passes as a
/// short one. Disposing kills a decompressor that is still running (it is this stream's own child).
/// </summary>
internal sealed class ToolDecompressStream : Stream
{
    private readonly Process _process;
    private readonly Stream _output;
    private readonly Task _pump;
    private readonly Task<string> _errors;
    private readonly string _tool;
    private bool _checked;

    private ToolDecompressStream(Process process, Stream input, string tool, CancellationToken ct)
    {
        _process = process;
        _tool = tool;
        _output = process.StandardOutput.BaseStream;
        _errors = process.StandardError.ReadToEndAsync(ct);
        _pump = PumpAsync(input, process.StandardInput.BaseStream, ct);
    }

    public static ToolDecompressStream Start(string tool, string[] arguments, Stream input, CancellationToken ct)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Berth.Oci.BerthException(Berth.Oci.ErrorKind.Unavailable, $"cannot run {tool} to decompress the archive: {e.Message}", e);
        }
        ArchiveStreams.EnsureTool(process, tool);
        return new ToolDecompressStream(process!, input, tool, ct);
    }

    private static async Task PumpAsync(Stream input, Stream stdin, CancellationToken ct)
    {
        try
        {
            await input.CopyToAsync(stdin, 1 << 16, ct).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The decompressor stopped reading (bad data or killed); its exit status tells why.
        }
        finally
        {
            try { await stdin.DisposeAsync().ConfigureAwait(false); } catch (IOException) { }
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var read = await _output.ReadAsync(buffer, ct).ConfigureAwait(false);
        if (read == 0 && buffer.Length > 0 && !_checked)
        {
            _checked = true;
            await _process.WaitForExitAsync(ct).ConfigureAwait(false);
            await _pump.ConfigureAwait(false);
            if (_process.ExitCode != 0)
            {
                var errors = (await _errors.ConfigureAwait(false)).Trim().ReplaceLineEndings(" ");
                throw new InvalidDataException($"{_tool} exited with status {_process.ExitCode}: {errors}");
            }
        }
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                if (!_process.HasExited) _process.Kill();
                _process.WaitForExit();
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
        base.Dispose(disposing);
    }
}
