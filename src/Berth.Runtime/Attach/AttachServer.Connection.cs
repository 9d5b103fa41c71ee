using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Berth.Runtime.Attach;

public sealed partial class AttachServer
{
    /// <summary>
    /// One attached client's outgoing side: a queue that <see cref="Publish"/> fills without waiting and a task
    /// that drains it to the socket. The queue is bounded by bytes, counted in at queueing and out once written.
    /// </summary>
    private sealed class Connection
    {
        private readonly NetworkStream _stream;
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly AttachFrameWriter _writer;
        private readonly AttachRequest _request;
        private readonly long _limit;
        private readonly Channel<(AttachFrameType Type, ReadOnlyMemory<byte> Data)> _queue =
            Channel.CreateUnbounded<(AttachFrameType, ReadOnlyMemory<byte>)>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _abort = new();
        private long _queued;

        public Connection(NetworkStream stream, AttachFrameWriter writer, AttachRequest request, long limit)
        {
            _stream = stream;
            _writer = writer;
            _request = request;
            _limit = limit;
            Completion = SendAsync();
        }

        /// <summary>Done when everything queued before completion is written, or the socket broke.</summary>
        public Task Completion { get; }

        public bool Wants(AttachFrameType type) => type == AttachFrameType.Stdout ? _request.Stdout : _request.Stderr;

        public bool TryQueue(AttachFrameType type, ReadOnlyMemory<byte> data)
        {
            if (Interlocked.Add(ref _queued, data.Length) > _limit)
                return false;
            return _queue.Writer.TryWrite((type, data));
        }

        public void QueueExit(int exitCode)
        {
            _queue.Writer.TryWrite((AttachFrameType.Exit, AttachFrame.ExitPayload(exitCode)));
            _queue.Writer.TryComplete();
        }

        public void QueueError(string message)
        {
            _queue.Writer.TryWrite((AttachFrameType.Error, Encoding.UTF8.GetBytes(message)));
            _queue.Writer.TryComplete();
        }

        /// <summary>
        /// Ends the sending side once everything is written, so the client reads the exit frame and closes first:
        /// closing a socket with unread input would reset the connection and could lose the exit frame.
        /// </summary>
        public async Task FinishAsync(TimeSpan linger)
        {
            await Completion;
            try
            {
                _stream.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            await _closed.Task.WaitAsync(linger).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Abort();
        }

        /// <summary>Closes the socket now; queued output is dropped.</summary>
        public void Abort()
        {
            _closed.TrySetResult();
            _queue.Writer.TryComplete();
            try
            {
                _abort.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
            _stream.Dispose();
        }

        private async Task SendAsync()
        {
            await Task.Yield();
            try
            {
                await foreach (var (type, data) in _queue.Reader.ReadAllAsync(_abort.Token))
                {
                    await _writer.WriteAsync(type, data, _abort.Token);
                    if (type is AttachFrameType.Stdout or AttachFrameType.Stderr)
                        Interlocked.Add(ref _queued, -data.Length);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client is gone; its receive side notices too.
            }
        }
    }
}
