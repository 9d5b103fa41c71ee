using System.Globalization;
using Berth.Oci;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Oci;

/// <summary>
/// <see cref="IOciRuntime"/> over runc's command line (crun and youki take the same arguments). Each call runs
/// the binary once with a private JSON log (an in-memory file, see RunAsync), from which a failure's message is
/// taken: in non-terminal create and exec runc's stderr is the container's, so it cannot be captured.
/// </summary>
public sealed partial class RuncRuntime : IOciRuntime
{
    private const int SigKill = 9;

    private readonly string _binary;
    private readonly RuncGlobalOptions _global;
    private readonly ChildReaper _reaper;

    /// <param name="binaryPath">The runtime binary, usually from <see cref="RuntimeLookup.Resolve"/>.</param>
    /// <param name="stateRoot">runc's <c>--root</c>; created if missing.</param>
    /// <param name="reaper">Waits for the runtime processes; in a subreaper it must be the process's only reaper.</param>
    public RuncRuntime(string binaryPath, string stateRoot, ChildReaper reaper)
        : this(binaryPath, new RuncGlobalOptions { Root = stateRoot }, reaper)
    {
    }

    public RuncRuntime(string binaryPath, RuncGlobalOptions options, ChildReaper reaper)
    {
        _binary = binaryPath;
        _global = options;
        _reaper = reaper;
    }

    public Task CreateAsync(string id, string bundle, RuntimeIo io, string? consoleSocketPath, string pidFile, CancellationToken ct) =>
        LaunchAsync(["create"], id, bundle, io, consoleSocketPath, pidFile, ct);

    public Task RunDetachedAsync(string id, string bundle, RuntimeIo io, string? consoleSocketPath, string pidFile, CancellationToken ct) =>
        LaunchAsync(["run", "--detach"], id, bundle, io, consoleSocketPath, pidFile, ct);

    public async Task<ExitStatus> RunAsync(string id, string bundle, RuntimeIo io, CancellationToken ct)
    {
        Directory.CreateDirectory(_global.Root);
        var args = new List<string> { "run", "--bundle", bundle };
        AddPassed(args, io);
        args.Add(id);
        var result = await RunAsync(args, io, ct).ConfigureAwait(false);
        // In the foreground runc exits with the container's status, so only a logged error marks runc's own failure.
        if (result.Error is not null && result.Status.Code != 0) throw StartFailure("run", result);
        return result.Status;
    }

    private async Task LaunchAsync(string[] command, string id, string bundle, RuntimeIo io, string? consoleSocketPath, string pidFile, CancellationToken ct)
    {
        Directory.CreateDirectory(_global.Root);
        var args = new List<string>(command) { "--bundle", bundle, "--pid-file", pidFile };
        AddPassed(args, io);
        if (consoleSocketPath is not null) args.AddRange(["--console-socket", consoleSocketPath]);
        args.Add(id);
        var result = await RunAsync(args, io, ct).ConfigureAwait(false);
        if (!result.Succeeded) throw StartFailure(command[0], result);
    }

    // runc, crun and youki keep each container's state in a directory named by its id under --root.
    public bool HasState(string id) => Directory.Exists(Path.Combine(_global.Root, id));

    public Task StartAsync(string id, CancellationToken ct) => RunCheckedAsync(["start", id], "start", ct);

    public Task KillAsync(string id, int signal, bool all, CancellationToken ct)
    {
        if (signal is <= 0 or > 64) throw BerthException.Invalid($"invalid signal: {signal}");
        var number = signal.ToString(CultureInfo.InvariantCulture);
        return RunCheckedAsync(all ? ["kill", "--all", id, number] : ["kill", id, number], "kill", ct);
    }

    public Task DeleteAsync(string id, bool force, CancellationToken ct) =>
        RunCheckedAsync(force ? ["delete", "--force", id] : ["delete", id], "delete", ct);

    // runc's own record says what its delete would remove; other runtimes keep other records. The removal runs
    // on a pool thread, beside whatever the caller does meanwhile (a monitor releases the rootfs and records the exit).
    public Task DeleteExitedAsync(string id, CancellationToken ct) =>
        IsRunc(_binary) && !_global.SystemdCgroup
            ? Task.Run(async () =>
            {
                if (!RuncExitedContainer.TryDelete(_global.Root, id)) await DeleteAsync(id, force: true, ct).ConfigureAwait(false);
            }, ct)
            : DeleteAsync(id, force: true, ct);

    /// <summary>Whether <paramref name="binaryPath"/> is runc itself rather than another runtime with its command line.</summary>
    public static bool IsRunc(string binaryPath) => Path.GetFileName(binaryPath) == "runc";

    public Task PauseAsync(string id, CancellationToken ct) => RunCheckedAsync(["pause", id], "pause", ct);

    public Task ResumeAsync(string id, CancellationToken ct) => RunCheckedAsync(["resume", id], "resume", ct);

    public async Task UpdateAsync(string id, string resourcesJson, CancellationToken ct)
    {
        Directory.CreateDirectory(_global.Root);
        var file = Path.Combine(_global.Root, $".resources-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, resourcesJson, ct).ConfigureAwait(false);
            await RunCheckedAsync(["update", "--resources", file, id], "update", ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public async Task<ExitStatus> ExecAsync(
        string id,
        ReadOnlyMemory<byte> processJson,
        RuntimeIo io,
        string? consoleSocketPath,
        bool detach,
        string? pidFile,
        CancellationToken ct)
    {
        var args = new List<string> { "exec", "--process", InputPath(io) };
        if (consoleSocketPath is not null) args.AddRange(["--console-socket", consoleSocketPath]);
        if (detach) args.Add("--detach");
        AddPassed(args, io);
        if (pidFile is not null) args.AddRange(["--pid-file", pidFile]);
        args.Add(id);
        var result = await RunAsync(args, io, ct, processJson).ConfigureAwait(false);

        // Without --detach runc exits with the process's status, so only a logged error marks runc's own failure.
        if (result.Error is not null && result.Status.Code != 0) throw StartFailure("exec", result);
        if (detach && !result.Succeeded) throw StartFailure("exec", result);
        return result.Status;
    }

    private static void AddPassed(List<string> args, RuntimeIo io)
    {
        if (io.Passed.Count > 0) args.AddRange(["--preserve-fds", io.Passed.Count.ToString(CultureInfo.InvariantCulture)]);
    }

    // Docker treats a command that is missing or not executable as a bad request, not a daemon failure.
    private static BerthException StartFailure(string operation, RuncResult result)
    {
        var message = result.Message(operation);
        var kind = RuntimeErrorClassifier.ExitCodeFor(message) == RuntimeErrorClassifier.RuntimeFailure
            ? RuncErrorText.KindFor(message)
            : ErrorKind.InvalidArgument;
        return new BerthException(kind, message);
    }
}
