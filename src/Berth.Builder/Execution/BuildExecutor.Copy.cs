using System.Text;
using Berth.Archive;
using Berth.Archive.Copy;
using Berth.Builder.Context;
using Berth.Builder.Dockerfile;
using Berth.Builder.Planning;
using Berth.Oci;
using Berth.Runtime.Spec;

namespace Berth.Builder.Execution;

public sealed partial class BuildExecutor
{
    private async Task CopyAsync(StageRun run, CopyInstruction instruction, CancellationToken ct)
    {
        var state = run.State;
        var copy = InstructionExpander.Expand(instruction, state.ExpansionEnv(), _document.Directives.Escape, _usedArgs);
        var verb = copy.IsAdd ? "ADD" : "COPY";
        var destination = copy.Destination.StartsWith('/') ? copy.Destination : CombineWorkdir(state.WorkingDir, copy.Destination);
        // "." and a path ending in "/." name a directory, as a trailing slash does (COPY a b . is common).
        if (destination.EndsWith("/.", StringComparison.Ordinal)) destination = destination[..^1];
        if (copy.Sources.Count + copy.SourceContents.Count > 1 && !destination.EndsWith('/'))
            throw BerthException.Invalid($"When using {verb} with more than one source file, the destination must be a directory and end with a /");

        var vertex = StartVertex(run.NextStepName(instruction.Original), instruction);
        await using var resources = new MountResources();
        var (root, rootIdentity) = await SourceRootAsync(run, copy.From, resources, ct).ConfigureAwait(false);
        var urls = new List<Uri>();
        var selected = new List<SelectedSource>();
        try
        {
            foreach (var source in copy.Sources)
            {
                if (copy.IsAdd && copy.From is null && IsUrl(source, out var url)) urls.Add(url);
                else if (IsUrl(source, out _)) throw BerthException.Invalid($"source can't be a URL for {verb}");
                else selected.AddRange(SelectAllowingEmptyWildcard(root, source, copy.Excludes));
            }
        }
        catch (BerthException e)
        {
            vertex.Failed(e.Message);
            throw;
        }

        var hasher = new ContentHasher(StatCache);
        var parentKey = state.Key;
        Digest Key()
        {
            var keyParts = new List<string>
            {
                verb, rootIdentity, hasher.Hash(selected).ToString(), destination, copy.Chown ?? "", copy.Chmod ?? "",
                copy.Parents.ToString(), copy.Link.ToString(), string.Join('\0', copy.Excludes), copy.Unpack?.ToString() ?? "", copy.Checksum ?? "",
            };
            keyParts.AddRange(urls.Select(u => "url " + u));
            keyParts.AddRange(copy.SourceContents.Select(h => $"heredoc {h.Name}\0{h.Content}"));
            if (_options.SourceDateEpoch is { } epoch) keyParts.Add("epoch " + epoch.ToUnixTimeSeconds());
            return CacheKey.Next(parentKey, [.. keyParts]);
        }
        var history = $"{verb} {string.Join(' ', copy.Sources.Concat(copy.SourceContents.Select(h => "<<" + h.Name)))} {copy.Destination} # buildkit";

        // A remote source can change behind the same URL: it is fetched again rather than trusted from the cache.
        // Where no lookup could hit, the key is taken after the copy, which notes each file's digest as it reads it,
        // so the sources are read once, not twice.
        var lookup = urls.Count == 0 && MayBeCached(parentKey);
        Digest? key = lookup ? Key() : null;
        if (lookup && await _worker.LookupCacheAsync(key!.Value, state.Layers, ct).ConfigureAwait(false) is { } cached)
        {
            vertex.Cached();
            Advance(state, key.Value, cached.Layer, history, cached.Created);
            return;
        }

        // A plain COPY from the context may link the files an earlier build's COPY of the same sources wrote and
        // that did not change since (see ReusedFiles); ADD, URLs and heredocs write through the mount only, and
        // --no-cache writes every file again, so a build can always be made from nothing but the context.
        var shape = !_options.NoCache && !copy.IsAdd && copy.From is null && urls.Count == 0 && copy.SourceContents.Count == 0
            ? CacheKey.Next(default, "copy files", Path.GetFullPath(_context.Root), run.Plan.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join('\0', copy.Sources), destination, copy.Chown ?? "", copy.Chmod ?? "", copy.Parents.ToString(), string.Join('\0', copy.Excludes))
            : (Digest?)null;
        var previous = shape is { } known ? _worker.LookupCopy(known) : null;
        ReusedFiles? reuse = null;
        BuildLayer? layer;
        try
        {
            layer = await _worker.ChangeAsync(state.Layers, async (root, token) =>
            {
                var rootfs = root.Rootfs;
                var (uid, gid) = Owner(rootfs, copy.Chown);
                if (shape is not null && root.LayerDirectory is { } layerDirectory)
                    reuse = new ReusedFiles(layerDirectory, previous?.Directory, previous?.Files, hasher.KnownDigest);
                var options = new CopyOptions
                {
                    Uid = uid, Gid = gid, Chmod = copy.Chmod, Parents = copy.Parents, IsAdd = copy.IsAdd, Unpack = copy.Unpack, Checksum = copy.Checksum,
                    Reuse = reuse, Digests = key is null ? hasher : null,
                };
                if (selected.Count > 0) await FileCopier.CopyAsync(rootfs, selected, destination, options, token).ConfigureAwait(false);
                foreach (var url in urls) await FileCopier.AddUrlAsync(rootfs, url, destination, options, Http, token).ConfigureAwait(false);
                foreach (var heredoc in copy.SourceContents) WriteHeredoc(rootfs, heredoc, destination, uid, gid, copy.Chmod);
            }, _options.SourceDateEpoch, ct).ConfigureAwait(false);
        }
        catch (BerthException e)
        {
            vertex.Failed(e.Message);
            throw;
        }
        Digest stepKey;
        try
        {
            stepKey = key ?? Key();
        }
        catch (BerthException e)
        {
            vertex.Failed(e.Message);
            throw;
        }
        vertex.Done();
        if (shape is { } recorded && reuse is not null && layer is not null) _worker.RecordCopy(recorded, [.. state.Layers, layer], reuse.Written);
        var created = Now();
        Store(parentKey, stepKey, state.Layers, new CachedStep(layer, created));
        Advance(state, stepKey, layer, history, created);
    }

    private async Task WorkdirAsync(StageRun run, WorkdirInstruction instruction, CancellationToken ct)
    {
        var state = run.State;
        var path = InstructionExpander.Expand(instruction, state.ExpansionEnv(), _document.Directives.Escape, _usedArgs).Path;
        state.WorkingDir = RootfsPath.Absolute(path.StartsWith('/') ? path : CombineWorkdir(state.WorkingDir, path));
        var vertex = StartVertex(run.NextStepName(instruction.Original), instruction);
        var parent = state.Key;
        var key = CacheKey.Next(parent, "WORKDIR", state.WorkingDir, state.User, _options.SourceDateEpoch?.ToUnixTimeSeconds().ToString() ?? "");
        var history = "WORKDIR " + state.WorkingDir;
        if (!_options.NoCache && await _worker.LookupCacheAsync(key, state.Layers, ct).ConfigureAwait(false) is { } cached)
        {
            vertex.Cached();
            Advance(state, key, cached.Layer, history, cached.Created);
            return;
        }
        // BuildKit creates the directory (and its parents) for the stage's user; an existing one is left alone.
        var layer = await _worker.ChangeAsync(state.Layers, (root, _) =>
        {
            var rootfs = root.Rootfs;
            // Each missing component is made (and owned by the USER, as BuildKit's mkdir -p does), resolving
            // symlinks inside the rootfs as it goes.
            var (uid, gid) = state.User.Length > 0 ? Owner(rootfs, state.User) : (null, null);
            var path = "";
            foreach (var part in state.WorkingDir.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                path += "/" + part;
                var host = RootfsPath.Host(rootfs, RootfsPath.Resolve(rootfs, path, followFinal: true));
                if (Directory.Exists(host)) continue;
                RootfsDirectories.Create(rootfs, path);
                if (uid is { } u) Berth.Linux.Ownership.Lchown(host, (uint)u, (uint)(gid ?? u));
            }
            return Task.CompletedTask;
        }, _options.SourceDateEpoch, ct).ConfigureAwait(false);
        vertex.Done();
        var created = Now();
        Store(parent, key, state.Layers, new CachedStep(layer, created));
        Advance(state, key, layer, history, created);
    }

    /// <summary>--chown USER[:GROUP], names looked up in the destination's own /etc/passwd and /etc/group.</summary>
    private static (int? Uid, int? Gid) Owner(string rootfs, string? chown)
    {
        if (string.IsNullOrEmpty(chown)) return (null, null);
        var user = UserResolver.Resolve(chown, RootfsFiles.TryReadText(rootfs, "/etc/passwd"), RootfsFiles.TryReadText(rootfs, "/etc/group"), []);
        // Docker: "a username without groupname or a UID without GID will use the same numeric UID as the GID".
        return ((int)user.Uid, chown.Contains(':') ? (int)user.Gid : (int)user.Uid);
    }

    private static void WriteHeredoc(string rootfs, Heredoc heredoc, string destination, int? uid, int? gid, string? chmod)
    {
        var target = destination.EndsWith('/') ? destination + heredoc.Name : destination;
        var parent = RootfsDirectories.Create(rootfs, RootfsPath.Absolute(target[..target.LastIndexOf('/')] is { Length: > 0 } p ? p : "/"));
        var file = Path.Combine(parent, RootfsPath.Base(target));
        File.WriteAllBytes(file, Encoding.UTF8.GetBytes(heredoc.Content));
        File.SetUnixFileMode(file, chmod is null ? (UnixFileMode)0b110_100_100 : (UnixFileMode)Convert.ToInt32(chmod, 8));
        if (uid is { } u) Berth.Linux.Ownership.Lchown(file, (uint)u, (uint)(gid ?? u));
    }

    /// <summary>A wildcard that matches nothing copies nothing, as BuildKit allows; a plain missing path is an error.</summary>
    private static IReadOnlyList<SelectedSource> SelectAllowingEmptyWildcard(CopySourceRoot root, string source, IReadOnlyList<string> excludes)
    {
        try
        {
            return SourceSelector.Select(root, source, excludes);
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound && source.IndexOfAny(['*', '?', '[']) >= 0)
        {
            return [];
        }
    }

    private static bool IsUrl(string source, out Uri url)
    {
        url = null!;
        return (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate(source, UriKind.Absolute, out url!);
    }

    /// <summary>
    /// Where COPY --from and RUN --mount from read: the context (no --from), an earlier stage (mounted
    /// read-only), a local named context, or an image; with an identity for the cache key.
    /// </summary>
    private async Task<(CopySourceRoot Root, string Identity)> SourceRootAsync(StageRun run, string? from, MountResources resources, CancellationToken ct)
    {
        if (from is null) return (new CopySourceRoot(_context.Root, _context.Ignore, IsContext: true), "context");
        var contexts = _options.NamedContexts.Keys.ToHashSet(StringComparer.Ordinal);
        var byName = _graph.Stages.Where(s => s.Stage.Name is not null).ToDictionary(s => s.Stage.Name!, s => s.Index, StringComparer.OrdinalIgnoreCase);
        if (StageGraph.ResolveStage(from, run.Plan.Index, byName, _document.Stages, contexts) is { } index)
        {
            var stage = (await StageAsync(index).ConfigureAwait(false)).State;
            var mounted = await _worker.MountAsync(stage.Layers, ct).ConfigureAwait(false);
            resources.Add(mounted);
            return (new CopySourceRoot(mounted.Path, IgnorePatterns.Empty, IsContext: false), "stage " + stage.Key);
        }
        if (_options.NamedContexts.TryGetValue(from, out var named) && !named.StartsWith("docker-image://", StringComparison.Ordinal))
        {
            using var context = BuildContext.FromDirectory(named, null);
            return (new CopySourceRoot(context.Root, context.Ignore, IsContext: true), "context " + from);
        }
        var image = await _worker.ResolveImageAsync(ImageNameFor(from), _options.Pull, _progress, ct).ConfigureAwait(false);
        var view = await _worker.MountAsync(image.Layers, ct).ConfigureAwait(false);
        resources.Add(view);
        return (new CopySourceRoot(view.Path, IgnorePatterns.Empty, IsContext: false), "image " + image.Id);
    }
}
