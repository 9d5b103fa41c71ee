using System.Text;
using Berth.Archive.Copy;
using Berth.Builder.Context;
using Berth.Builder.Dockerfile;
using Berth.Builder.Planning;
using Berth.Oci;
using MountFlag = Berth.Builder.Dockerfile.RunMount;

namespace Berth.Builder.Execution;

public sealed partial class BuildExecutor
{
    private async Task RunAsync(StageRun run, RunInstruction instruction, CancellationToken ct)
    {
        var state = run.State;
        var expanded = InstructionExpander.Expand(instruction, state.ExpansionEnv(), _document.Directives.Escape, _usedArgs);
        var args = RunArgs(state, expanded);
        var env = state.RunEnv();
        var network = expanded.Network ?? _options.Network;
        if (network is not ("default" or "host" or "none")) throw BerthException.Invalid($"unsupported network mode \"{network}\"");
        var mounts = expanded.Mounts.Select(MountFlag.Parse).ToList();

        var vertex = StartVertex(run.NextStepName(instruction.Original), instruction);
        await using var resources = new MountResources();
        var resolved = new List<RunMount>();
        var keyParts = new List<string> { "RUN", string.Join('\0', args), string.Join('\0', env), state.User, state.WorkingDir, network };
        foreach (var mount in mounts)
        {
            var (runMount, identity) = await ResolveMountAsync(run, mount, resources, ct).ConfigureAwait(false);
            if (runMount is null) continue;
            resolved.Add(runMount);
            keyParts.Add($"mount {mount.Type} {mount.Target} {identity} {runMount.ReadWrite}");
        }
        if (_options.SourceDateEpoch is { } epoch) keyParts.Add("epoch " + epoch.ToUnixTimeSeconds());
        var key = CacheKey.Next(state.Key, [.. keyParts]);
        var history = "RUN " + HistoryArgs(state, args) + " # buildkit";

        if (!_options.NoCache && await _worker.LookupCacheAsync(key, state.Layers, ct).ConfigureAwait(false) is { } cached)
        {
            vertex.Cached();
            Advance(state, key, cached.Layer, history, cached.Created);
            return;
        }

        var lines = new LineSplitter(vertex.Log);
        var step = new RunStep
        {
            Args = args,
            Env = env,
            WorkingDir = state.WorkingDir.Length == 0 ? "/" : state.WorkingDir,
            User = state.User.Length == 0 ? null : state.User,
            Network = network,
            Mounts = resolved,
            ClampTime = _options.SourceDateEpoch,
            Output = lines.Write,
        };
        RunResult result;
        try
        {
            result = await _worker.RunAsync(state.Layers, step, ct).ConfigureAwait(false);
        }
        catch (BerthException e)
        {
            vertex.Failed(e.Message);
            throw;
        }
        finally
        {
            lines.Flush();
        }
        if (result.ExitCode != 0)
        {
            var message = $"process \"{string.Join(' ', args)}\" did not complete successfully: exit code: {result.ExitCode}";
            vertex.Failed(message);
            throw new BerthException(ErrorKind.InvalidArgument, message) { ExitCode = 1 };
        }
        vertex.Done();
        var created = Now();
        Store(state.Key, key, state.Layers, new CachedStep(result.Layer, created));
        Advance(state, key, result.Layer, history, created);
    }

    /// <summary>Adds a step's layer (if any) and history entry and moves the stage's key.</summary>
    private static void Advance(StageState state, Digest key, BuildLayer? layer, string history, DateTimeOffset created)
    {
        if (layer is not null) state.Layers.Add(layer);
        state.Key = key;
        state.History.Add(new HistoryEntry
        {
            Created = created,
            CreatedBy = history,
            Comment = HistoryComment,
            EmptyLayer = layer is null ? true : null,
        });
    }

    /// <summary>
    /// The argv of a RUN. Shell form runs in the stage's SHELL; heredocs ride along in the script so the shell
    /// reads them itself, except a lone heredoc that is the whole command, which is the script (BuildKit's rule).
    /// </summary>
    private static List<string> RunArgs(StageState state, RunInstruction run)
    {
        if (!run.Command.PrependShell) return [.. run.Command.Words];
        var text = run.Command.Words.Count > 0 ? run.Command.Words[0] : "";
        if (run.Heredocs.Count == 1 && IsLoneHeredoc(text, run.Heredocs[0]))
            return [.. state.ShellOrDefault, run.Heredocs[0].Content];
        if (run.Heredocs.Count == 0) return [.. state.ShellOrDefault, text];
        var script = new StringBuilder(text);
        foreach (var heredoc in run.Heredocs) script.Append('\n').Append(heredoc.Content).Append(heredoc.Name);
        return [.. state.ShellOrDefault, script.ToString()];
    }

    private static bool IsLoneHeredoc(string text, Heredoc heredoc)
    {
        var trimmed = text.Trim().Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        return trimmed == "<<" + heredoc.Name || trimmed == "<<-" + heredoc.Name;
    }

    /// <summary>BuildKit's history text of a RUN: <c>|N ARG=v …</c> before the command when args are in scope.</summary>
    private static string HistoryArgs(StageState state, IReadOnlyList<string> args)
    {
        var scoped = state.Args.Where(a => !PredefinedArgs.IsPredefined(a.Key)).Select(a => $"{a.Key}={state.GetEnv(a.Key) ?? a.Value ?? ""}").ToList();
        var prefix = scoped.Count == 0 ? "" : $"|{scoped.Count} {string.Join(' ', scoped)} ";
        return prefix + string.Join(' ', args);
    }

    /// <summary>
    /// Resolves one RUN --mount to what the worker mounts, and the identity of its content for the cache key:
    /// a context or stage path with the digest of what is under it, a cache id, or nothing for tmpfs and
    /// secrets (secret values never reach the key). A missing optional secret mounts nothing.
    /// </summary>
    private async Task<(RunMount? Mount, string Identity)> ResolveMountAsync(StageRun run, MountFlag flag, MountResources resources, CancellationToken ct)
    {
        // BuildKit's defaults: a secret's id is its target's file name (or its source), its target /run/secrets/ID;
        // a cache is keyed by its target.
        if (flag.Type == "secret")
        {
            var id = flag.Id ?? flag.Source ?? (flag.Target is { } t ? Path.GetFileName(t) : null) ?? throw BerthException.Invalid("secret ID missing from mount options");
            flag = flag with { Id = id, Target = flag.Target ?? "/run/secrets/" + id };
        }
        if (flag.Type == "ssh") throw BerthException.Invalid("mount type ssh is not supported");
        if (string.IsNullOrEmpty(flag.Target)) throw BerthException.Invalid("mount destination (target) is required");
        var target = flag.Target.StartsWith('/') ? flag.Target : RootfsPath.Absolute(CombineWorkdir(run.State.WorkingDir, flag.Target));
        switch (flag.Type)
        {
            case "tmpfs":
                return (new RunMount { Type = RunMountType.Tmpfs, Target = target, Size = flag.SizeLimit > 0 ? flag.SizeLimit : null, ReadWrite = true }, "tmpfs");
            case "secret":
                if (!_options.Secrets.TryGetValue(flag.Id!, out var secret))
                {
                    if (flag.Required) throw BerthException.Invalid($"secret {flag.Id}: not found");
                    return (null, "");
                }
                return (new RunMount
                {
                    Type = RunMountType.Secret, Target = target, Source = secret.File, Content = secret.Value, Uid = flag.Uid, Gid = flag.Gid, Mode = flag.Mode ?? 0x100,
                }, "secret " + flag.Id);
            case "cache":
                return (new RunMount
                {
                    Type = RunMountType.Cache, Target = target, CacheId = flag.Id ?? flag.Target, Sharing = flag.Sharing ?? "shared", ReadWrite = !flag.ReadOnly,
                    Uid = flag.Uid, Gid = flag.Gid, Mode = flag.Mode,
                }, "cache " + flag.Id);
            default:
                var (root, rootIdentity) = await SourceRootAsync(run, flag.From, resources, ct).ConfigureAwait(false);
                var source = RootfsPath.Host(root.Directory, RootfsPath.Resolve(root.Directory, RootfsPath.Absolute(flag.Source ?? "/"), followFinal: true));
                var selected = SourceSelector.Select(root, flag.Source ?? ".", []);
                var identity = rootIdentity + " " + (flag.Source ?? "/") + " " + new ContentHasher(StatCache).Hash(selected);
                return (new RunMount { Type = RunMountType.Bind, Target = target, Source = source, ReadWrite = !flag.ReadOnly }, identity);
        }
    }

    private static string CombineWorkdir(string workingDir, string path) =>
        (workingDir.Length == 0 ? "/" : workingDir).TrimEnd('/') + "/" + path;
}
