namespace Berth.Engine.Progress;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the calling thread. The framework's Progress&lt;T&gt; posts
/// to the thread pool, so its last report can arrive after the operation's final status line.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
