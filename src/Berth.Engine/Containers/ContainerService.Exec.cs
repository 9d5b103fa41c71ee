using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;
using Berth.Runtime.Seccomp;
using Berth.Runtime.Spec;
using Berth.Runtime.Terminal;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>berth exec</c>: runs a process in a running container through the runtime's exec, with the container's
    /// capabilities, limits and environment (plus <see cref="ExecRequest.Env"/>). Without a terminal the process
    /// gets <paramref name="io"/> directly; with one, <paramref name="terminal"/> receives the pty master and
    /// copies until the process ends. Returns the process's exit code (Docker's 126/127 when it cannot start).
    /// </summary>
    public async Task<int> ExecAsync(string input, ExecRequest request, RuntimeIo io, Func<SafeFileHandle, CancellationToken, Task>? terminal, CancellationToken ct)
    {
        if (request.Cmd.Count == 0) throw BerthException.Invalid("no command specified");
        CgroupAttachPrimer.Prime();
        var container = Get(input);
        if (container.State.Status == ContainerStatus.Paused)
            throw BerthException.Conflict($"container {container.Id} is paused, unpause the container before exec");
        if (container.State.Status != ContainerStatus.Running)
            throw BerthException.Conflict($"container {container.Id} is not running");
        var paths = PathsOf(container.Id);
        // A few kilobytes, read in place: an asynchronous read would hop to the thread pool and back.
        var spec = RuntimeSpecProcess.Read(File.ReadAllBytes(paths.SpecFile));
        // A container whose processes load their seccomp filter themselves has the step in its spec, and the
        // capabilities the step was lent; an exec'd process gets the container's own and the step too.
        var ownProcess = spec.Process is { } wrapped ? SeccompStep.Unwrap(wrapped) ?? wrapped : null;
        var record = ExecRecordFields.Of(container);
        var userSpec = request.User.Length > 0 ? request.User : record.User;
        var user = UserResolver.Resolve(userSpec,
            RootfsFiles.TryReadText(paths.Rootfs, "/etc/passwd"), RootfsFiles.TryReadText(paths.Rootfs, "/etc/group"), record.GroupAdd ?? []);
        var env = ConfigMerger.MergeEnv(ConfigMerger.RuntimeEnv(record.Env, record.Hostname, request.Tty, user.Home), request.Env);
        var privileged = request.Privileged || record.Privileged;
        var process = SpecBuilder.BuildExecProcess(new ExecProcessOptions
        {
            Args = request.Cmd,
            Env = env,
            Cwd = request.WorkingDir.Length > 0 ? request.WorkingDir : spec.Process?.Cwd ?? "/",
            Uid = user.Uid,
            Gid = user.Gid,
            AdditionalGids = user.AdditionalGids,
            Terminal = request.Tty,
            Privileged = privileged,
            ContainerCapabilities = ownProcess?.Capabilities?.Bounding ?? [],
            // Read only when needed: a privileged process gets every capability the host has.
            HostCapabilities = privileged ? HostCapabilities.Read() : null,
            NoNewPrivileges = ownProcess?.NoNewPrivileges ?? false,
            Rlimits = ownProcess?.Rlimits,
        });
        using var preload = ownProcess != spec.Process ? OpenSeccompPreload(paths) : null;
        if (preload is not null) process = SeccompStep.Wrap(process);
        io = io with { Passed = preload?.Descriptors ?? [] };

        // runc reads the process from memory (see RuncRuntime): nothing of an exec is written to disk.
        var processJson = OciProcessJson.Serialize(process);
        if (!request.Tty)
        {
            var runtime = new RuncRuntime(record.ResolveRuntime(), _layout.RuntimeStateRoot, ChildReaper.ForChildren());
            return await ConfirmedAsync(await runtime.ExecAsync(container.Id, processJson, io, null, request.Detach, null, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }

        // runc hands a terminal's master over its console socket only when it detaches (in the foreground it
        // keeps the terminal to itself), so the process is started detached, as containerd's shim does, and
        // this process, a subreaper for the time, adopts it when runc exits and waits for its end. A detached
        // exec's terminal is left to a holder process, which keeps it open until the process is done.
        var pidFile = Path.Combine(paths.Bundle, $"exec-{Guid.NewGuid():N}.pid");
        try
        {
            using var reaper = request.Detach ? ChildReaper.ForChildren() : ChildReaper.BecomeSubreaper();
            var detached = new RuncRuntime(record.ResolveRuntime(), _layout.RuntimeStateRoot, reaper);
            using var consolePath = UnixSocketPath.For(Path.Combine(paths.Bundle, $"exec-{Guid.NewGuid():N}.sock"));
            using var console = ConsoleSocket.Listen(consolePath.Path);
            var received = console.ReceiveMasterAsync(ct);
            var started = detached.ExecAsync(container.Id, processJson, RuntimeIo.Null with { Passed = io.Passed }, console.Path, detach: true, pidFile, ct);
            // runc connects while it starts the process; if starting fails first, its error is the one to report.
            if (await Task.WhenAny(started, received).ConfigureAwait(false) == started) await started.ConfigureAwait(false);
            using var master = await received.ConfigureAwait(false);
            var runcStatus = await started.ConfigureAwait(false);
            if (request.Detach)
            {
                TerminalHolder.Start(MonitorExecutable, master);
                return await ConfirmedAsync(runcStatus).ConfigureAwait(false);
            }
            var pid = int.Parse(File.ReadAllText(pidFile), System.Globalization.CultureInfo.InvariantCulture);
            using var copyStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var copying = terminal is null ? Task.CompletedTask : terminal(master, copyStop.Token);
            var status = await reaper.WaitAsync(pid, ct).ConfigureAwait(false);
            await Task.WhenAny(copying, Task.Delay(TimeSpan.FromSeconds(1), ct)).ConfigureAwait(false);
            await copyStop.CancelAsync().ConfigureAwait(false);
            return await ConfirmedAsync(status).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(pidFile);
        }

        // The step's report, once the runtime is done: a command it could not start fails as a runtime's would.
        async Task<int> ConfirmedAsync(ExitStatus status)
        {
            if (preload is not null && await preload.WaitForCommandAsync("exec", ct).ConfigureAwait(false) is { } failure)
                throw SeccompPreload.Failure(failure);
            return status.DockerExitCode;
        }
    }
}
