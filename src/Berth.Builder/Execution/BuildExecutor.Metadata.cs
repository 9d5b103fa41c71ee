using System.Globalization;
using Berth.Builder.Dockerfile;
using Berth.Builder.Planning;
using Berth.Oci;

namespace Berth.Builder.Execution;

public sealed partial class BuildExecutor
{
    private Task ExecuteAsync(StageRun run, Instruction instruction, CancellationToken ct) => instruction switch
    {
        RunInstruction r => RunAsync(run, r, ct),
        CopyInstruction c => CopyAsync(run, c, ct),
        WorkdirInstruction w => WorkdirAsync(run, w, ct),
        _ => ApplyMetadataAsync(run, instruction, ct),
    };

    /// <summary>
    /// Instructions that change only the image config. Each still moves the cache key (a later RUN sees the
    /// new ENV or USER) and records a history entry without a layer, timed from the cache when known.
    /// </summary>
    private async Task ApplyMetadataAsync(StageRun run, Instruction instruction, CancellationToken ct)
    {
        var state = run.State;
        var escape = _document.Directives.Escape;
        var env = state.ExpansionEnv();
        string history;
        switch (instruction)
        {
            case EnvInstruction e:
                var envPairs = InstructionExpander.Expand(e, env, escape, _usedArgs).Pairs;
                foreach (var (name, value) in envPairs) state.SetEnv(name, value);
                history = "ENV " + string.Join(' ', envPairs.Select(p => $"{p.Key}={p.Value}"));
                break;
            case LabelInstruction l:
                var labels = InstructionExpander.Expand(l, env, escape, _usedArgs).Pairs;
                foreach (var (name, value) in labels) state.Labels[name] = value;
                history = "LABEL " + string.Join(' ', labels.Select(p => $"{p.Key}={p.Value}"));
                break;
            case ArgInstruction a:
                history = "ARG " + string.Join(' ', DeclareArgs(state, InstructionExpander.Expand(a, env, escape, _usedArgs)));
                break;
            case UserInstruction u:
                state.User = InstructionExpander.Expand(u, env, escape, _usedArgs).User;
                history = "USER " + state.User;
                break;
            case ExposeInstruction x:
                var ports = InstructionExpander.Expand(x, env, escape, _usedArgs).Ports.SelectMany(PortKeys).ToList();
                foreach (var port in ports) state.ExposedPorts.Add(port);
                // Go's %v of the port map BuildKit records: keys sorted, each with its empty struct.
                history = "EXPOSE map[" + string.Join(' ', ports.Distinct().Order(StringComparer.Ordinal).Select(p => p + ":{}")) + "]";
                break;
            case VolumeInstruction v:
                var volumes = InstructionExpander.Expand(v, env, escape, _usedArgs).Paths;
                foreach (var volume in volumes)
                {
                    if (volume.Trim().Length == 0) throw BerthException.Invalid("VOLUME specified can not be an empty string");
                    state.Volumes.Add(volume.Trim());
                }
                history = "VOLUME " + GoFormat.PlainList(volumes);
                break;
            case StopSignalInstruction s:
                state.StopSignal = InstructionExpander.Expand(s, env, escape, _usedArgs).Signal;
                history = "STOPSIGNAL " + state.StopSignal;
                break;
            case ShellInstruction sh:
                state.Shell = [.. sh.Shell];
                history = "SHELL " + GoFormat.PlainList(sh.Shell);
                break;
            case CmdInstruction cmd:
                state.Cmd = CommandWords(state, cmd.Command);
                state.CmdSetHere = true;
                history = "CMD " + GoFormat.QuotedList(state.Cmd);
                break;
            case EntrypointInstruction ep:
                state.Entrypoint = CommandWords(state, ep.Command);
                // An ENTRYPOINT drops the CMD it inherited, not one this stage set (Docker's rule).
                if (!state.CmdSetHere) state.Cmd = null;
                history = "ENTRYPOINT " + GoFormat.QuotedList(state.Entrypoint);
                break;
            case HealthcheckInstruction h:
                state.Healthcheck = h.Health;
                history = "HEALTHCHECK " + GoFormat.HealthConfig(h.Health);
                break;
            case OnbuildInstruction o:
                state.OnBuild.Add(o.Expression);
                history = "ONBUILD " + o.Expression;
                break;
            case MaintainerInstruction m:
                state.Author = m.Maintainer;
                history = "MAINTAINER " + m.Maintainer;
                break;
            default:
                throw BerthException.Invalid($"unsupported instruction: {instruction.Original}");
        }
        var parent = state.Key;
        state.Key = CacheKey.Next(parent, history);
        // BuildKit records ONBUILD in the config only, with no history entry.
        if (instruction is OnbuildInstruction) return;
        state.History.Add(new HistoryEntry
        {
            Created = await StepTimeAsync(parent, state.Key, ct).ConfigureAwait(false),
            CreatedBy = history,
            Comment = HistoryComment,
            EmptyLayer = true,
        });
    }

    /// <summary>
    /// The time a step records: the one stored with its key when the step is cached (so a full-cache rebuild
    /// gives the same image), else now, stored for next time.
    /// </summary>
    private async Task<DateTimeOffset> StepTimeAsync(Digest parent, Digest key, CancellationToken ct)
    {
        if (!_options.NoCache && await _worker.LookupCacheAsync(key, [], ct).ConfigureAwait(false) is { } cached) return cached.Created;
        var now = Now();
        Store(parent, key, [], new CachedStep(null, now));
        return now;
    }

    /// <summary>
    /// ARG in a stage: a --build-arg wins, then the default, then the value of a global ARG of the same name
    /// (BuildKit's scoping); an ARG with none of these is declared without a value.
    /// </summary>
    private IEnumerable<string> DeclareArgs(StageState state, ArgInstruction arg)
    {
        foreach (var declaration in arg.Args)
        {
            string? value;
            if (_options.BuildArgs.TryGetValue(declaration.Name, out var given))
            {
                value = given;
                _usedArgs.Add(declaration.Name);
            }
            else
            {
                value = declaration.DefaultValue ?? (_globals.TryGetValue(declaration.Name, out var global) ? global : null);
            }
            state.Args.RemoveAll(a => a.Key == declaration.Name);
            state.Args.Add(new(declaration.Name, value));
            yield return value is null ? declaration.Name : $"{declaration.Name}={value}";
        }
    }

    /// <summary>Exec form as written; shell form wrapped in the stage's SHELL.</summary>
    private static List<string> CommandWords(StageState state, CommandLine command) =>
        command.PrependShell ? [.. state.ShellOrDefault, .. command.Words] : [.. command.Words];

    /// <summary>EXPOSE's forms: <c>80</c>, <c>80/udp</c>, a range <c>8000-8002/tcp</c> (one key per port, as Docker's nat package).</summary>
    private static IEnumerable<string> PortKeys(string spec)
    {
        var slash = spec.IndexOf('/');
        var ports = slash < 0 ? spec : spec[..slash];
        var protocol = slash < 0 ? "tcp" : spec[(slash + 1)..].ToLowerInvariant();
        if (protocol is not ("tcp" or "udp" or "sctp")) throw BerthException.Invalid($"invalid proto: {protocol}");
        var dash = ports.IndexOf('-');
        var first = Port(dash < 0 ? ports : ports[..dash], spec);
        var last = dash < 0 ? first : Port(ports[(dash + 1)..], spec);
        if (last < first) throw BerthException.Invalid($"invalid range specified for container port: {spec}");
        for (var port = first; port <= last; port++) yield return $"{port}/{protocol}";
    }

    private static int Port(string text, string spec) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0
            ? port
            : throw BerthException.Invalid($"invalid containerPort: {spec}");
}
