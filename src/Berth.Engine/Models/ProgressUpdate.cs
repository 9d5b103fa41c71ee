namespace Berth.Engine.Models;

/// <summary>
/// One progress event of a long operation (load, and later pull, push, build): <see cref="Id"/> names the
/// item (a short layer ID), <see cref="Action"/> what happens to it. The CLI renders bars, the API streams
/// these as Docker's JSON progress messages.
/// </summary>
public sealed record ProgressUpdate(string Id, string Action, long Current, long? Total);
