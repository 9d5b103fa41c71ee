using System.Diagnostics;
using Berth.Builder.Context;
using Berth.Builder.Dockerfile;
using Berth.Builder.Planning;
using Berth.Oci;

namespace Berth.Builder.Execution;

/// <summary>
/// Runs a Dockerfile: plans the stages the target needs, runs each as soon as the stages it reads are done
/// (independent stages in parallel), and returns the target's image config and layers. Each step is keyed on
/// its parent, its expanded instruction and what it reads, and taken from the cache when the key is known.
/// </summary>
public sealed partial class BuildExecutor : IDisposable
{
    private const string HistoryComment = "buildkit.dockerfile.v0";

    private readonly IBuildWorker _worker;
    private readonly BuildContext _context;
    private readonly BuildOptions _options;
    private readonly IProgress<BuildEvent> _progress;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _usedArgs = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Task<StageResult>> _stages = [];
    private readonly Lazy<HttpClient> _http = new(() => new HttpClient());
    private int _vertices;
    private DockerfileDocument _document = null!;
    private StageGraph _graph = null!;
    private Dictionary<string, string> _globals = null!;

    public BuildExecutor(IBuildWorker worker, BuildContext context, BuildOptions options, IProgress<BuildEvent> progress, TimeProvider time)
    {
        _worker = worker;
        _context = context;
        _options = options;
        _progress = progress;
        _time = time;
    }

    /// <summary>
    /// File digests by stat data, shared by the content hashes of every COPY: the caller may load it from and
    /// save it to disk so an unchanged context is not read again.
    /// </summary>
    public IDictionary<string, string> StatCache { get; init; } = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The number the first vertex gets, after those the caller reported itself (loading the context).</summary>
    public int FirstVertex
    {
        init => _vertices = value - 1;
    }

    /// <summary>The number a vertex reported after the build (the export) takes.</summary>
    public int NextVertex => Volatile.Read(ref _vertices) + 1;

    private HttpClient Http => _http.Value;

    public void Dispose()
    {
        if (_http.IsValueCreated) _http.Value.Dispose();
    }

    public async Task<BuildOutcome> BuildAsync(DockerfileDocument document, CancellationToken ct)
    {
        _document = document;
        foreach (var warning in document.Warnings) _progress.Report(new BuildEvent(0, "", BuildEventKind.Warning, warning));
        _globals = GlobalArgs.Resolve(document, _options.BuildArgs, _options.Platform, _usedArgs);
        _graph = StageGraph.Plan(document, _options.Target, _globals, _options.NamedContexts.Keys.ToHashSet(StringComparer.Ordinal), _usedArgs);

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lock (_stages)
        {
            // Every needed stage starts now and waits only for what it reads, so independent stages overlap.
            foreach (var stage in _graph.Needed) _stages[stage.Index] = RunStageGuardedAsync(stage, failed);
        }
        StageResult result;
        try
        {
            result = await _stages[_graph.Target.Index].ConfigureAwait(false);
        }
        finally
        {
            failed.Cancel();
            try
            {
                await Task.WhenAll(_stages.Values).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Other stages were cancelled or failed after the target; the target's own failure is the one reported.
            }
        }

        var unused = _options.BuildArgs.Keys.Where(k => !_usedArgs.Contains(k) && !PredefinedArgs.IsPredefined(k)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
            _progress.Report(new BuildEvent(0, "", BuildEventKind.Warning, $"[Warning] One or more build-args [{string.Join(' ', unused)}] were not consumed"));

        var state = result.State;
        foreach (var (key, value) in _options.Labels) state.Labels[key] = value;
        var created = state.History.LastOrDefault()?.Created ?? _options.SourceDateEpoch ?? _time.GetUtcNow();
        return new BuildOutcome(state.ToImageConfig(created), [.. state.Layers]);
    }

    private async Task<StageResult> RunStageGuardedAsync(PlannedStage stage, CancellationTokenSource failed)
    {
        await Task.Yield();
        try
        {
            return await RunStageAsync(stage, failed.Token).ConfigureAwait(false);
        }
        catch
        {
            // One failed stage stops the others: BuildKit cancels the whole solve.
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task<StageResult> StageAsync(int index)
    {
        lock (_stages) return _stages[index];
    }

    /// <summary>The time a step records: SOURCE_DATE_EPOCH when given, else now.</summary>
    private DateTimeOffset Now() => _options.SourceDateEpoch ?? DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());

    private VertexScope StartVertex(string name, Instruction? instruction = null)
    {
        var id = Interlocked.Increment(ref _vertices);
        _progress.Report(new BuildEvent(id, name, BuildEventKind.Started));
        return new VertexScope(id, name, _progress, Stopwatch.StartNew())
        {
            Lines = instruction is null ? null : (instruction.Line, Math.Max(instruction.Line, instruction.EndLine)),
        };
    }
}
