using System.IO.Pipelines;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// Streams a tar from a writer to a reader without holding it whole: docker cp moves trees of any size. A
/// failing writer fails the reader's next read with its exception; a reader that stops (or fails) releases the
/// writer, which then runs to its end without blocking.
/// </summary>
internal static class TarPipe
{
    /// <returns>The bytes the writer produced.</returns>
    public static async Task<long> RunAsync(Func<Stream, Task> write, Func<Stream, Task> read)
    {
        var pipe = new Pipe();
        var counter = new CountingStream(pipe.Writer.AsStream(leaveOpen: true));
        var writer = Task.Run(async () =>
        {
            try
            {
                await write(counter);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
                throw;
            }
        });
        try
        {
            await using var input = pipe.Reader.AsStream(leaveOpen: true);
            await read(input);
        }
        finally
        {
            await pipe.Reader.CompleteAsync();
        }
        await writer;
        return counter.Written;
    }
}
