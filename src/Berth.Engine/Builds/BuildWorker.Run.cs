using System.Text.Json;
using Berth.Archive;
using Berth.Builder.Execution;
using Berth.Engine.Containers;
using Berth.Engine.Networks;
using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;
using Berth.Runtime.Spec;
using Microsoft.Win32.SafeHandles;

namespace Berth.Engine.Builds;

internal sealed partial class BuildWorker
{
    /// <summary>BuildKit's hostname for RUN steps; scripts that print it see what they see under docker build.</summary>
    private const string Hostname = "buildkitsandbox";

    private const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public async Task<RunResult> RunAsync(IReadOnlyList<BuildLayer> chain, RunStep step, CancellationToken ct)
    {
        var exitCode = 0;
        var layer = await WithWritableAsync(chain, async (rootfs, bundle, _) =>
        {
            exitCode = await RunInBundleAsync(rootfs, bundle, step, ct).ConfigureAwait(false);
            return exitCode == 0;
        }, step.ClampTime, ct).ConfigureAwait(false);
        return new RunResult(exitCode, exitCode == 0 ? layer : null);
    }

    /// <summary>
    /// Runs the step's process with runc in the foreground: the user and working directory resolved in the
    /// step's rootfs, Docker's default spec, BuildKit's hosts file and the host's resolv.conf, the step's extra
    /// mounts. Mount points runc had to create are removed again afterwards so they do not land in the layer.
    /// </summary>
    private async Task<int> RunInBundleAsync(string rootfs, string bundle, RunStep step, CancellationToken ct)
    {
        var user = UserResolver.Resolve(step.User, RootfsFiles.TryReadText(rootfs, "/etc/passwd"), RootfsFiles.TryReadText(rootfs, "/etc/group"), []);
        if (step.WorkingDir != "/") RootfsDirectories.Create(rootfs, step.WorkingDir);
        var hosts = Path.Combine(bundle, "hosts");
        var resolvConf = Path.Combine(bundle, "resolv.conf");
        var id = "build-" + Path.GetFileName(bundle);
        // "default" is Docker's default bridge, as for BuildKit under dockerd; "host" and "none" are what they say.
        await using var network = step.Network is "host" or "none" ? null : await SandboxNetwork.ConnectAsync(_networks, bundle, id, ct).ConfigureAwait(false);
        var hostResolvConf = HostFiles.ReadHost("/etc/resolv.conf") ?? "";
        File.WriteAllText(hosts, $"127.0.0.1\tlocalhost {Hostname}\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        File.WriteAllText(resolvConf, network is null ? HostFiles.ResolvConf(hostResolvConf, [], [], []) : HostFiles.BridgeResolvConf(hostResolvConf, [], [], []));
        await using var sandbox = new RunMounts(bundle, _layout);
        var mounts = new List<OciMount>();
        foreach (var mount in step.Mounts) mounts.Add(sandbox.Prepare(mount));

        var env = step.Env.Any(e => e.StartsWith("PATH=", StringComparison.Ordinal)) ? step.Env : [DefaultPath, .. step.Env];
        // As for containers, docker's seccomp profile is loaded by berth's step, not compiled by runc each time.
        var programFile = Path.Combine(bundle, "seccomp.bpf");
        var stepExecutable = SeccompPreload.StepExecutableBeside(_options.BerthExecutable);
        var spec = SeccompPreload.Apply(SpecBuilder.Build(new ContainerSpecOptions
        {
            Args = step.Args,
            Env = env,
            Cwd = step.WorkingDir,
            Uid = user.Uid,
            Gid = user.Gid,
            AdditionalGids = user.AdditionalGids,
            Hostname = Hostname,
            Mounts = mounts,
            HostCapabilities = HostCapabilities.Read(),
            Network = network is not null ? NamespaceMode.Join(network.NamespacePath) : step.Network == "none" ? NamespaceMode.Private : NamespaceMode.Host,
            HostHardLimits = ResourceLimits.Hard(),
            CgroupsPath = ContainerService.CgroupsPathOf(id),
            HostsPath = hosts,
            ResolvConfPath = resolvConf,
        }), runsOnRunc: true, SeccompMode.Default, programFile, _layout, stepExecutable);
        // /proc, /dev and /sys that runc creates on a bare base stay in the layer, as they do under BuildKit.
        var stubs = MountStubs.Find(rootfs, spec.Mounts.Select(m => m.Destination).Where(d => !IsSystemMount(d)));
        await File.WriteAllBytesAsync(Path.Combine(bundle, "config.json"), JsonSerializer.SerializeToUtf8Bytes(spec, RuntimeSpecJsonContext.Default.RuntimeSpec), ct)
            .ConfigureAwait(false);

        var runtime = new RuncRuntime(RuntimeLookup.Resolve("runc"), _layout.RuntimeStateRoot, ChildReaper.ForChildren());
        var (outRead, outWrite) = Pipe.Create();
        var (errRead, errWrite) = Pipe.Create();
        using var devNull = File.OpenHandle("/dev/null");
        using var preload = SeccompPreload.Open(programFile, bundle, stepExecutable);
        Task readers;
        ExitStatus status;
        try
        {
            using (outWrite)
            using (errWrite)
            {
                var run = runtime.RunAsync(id, bundle, new RuntimeIo(devNull, outWrite, errWrite) { Passed = preload?.Descriptors ?? [] }, ct);
                readers = Task.WhenAll(PumpAsync(outRead, false, step.Output), PumpAsync(errRead, true, step.Output));
                try
                {
                    status = await run.ConfigureAwait(false);
                    if (preload is not null && await preload.WaitForCommandAsync("run", ct).ConfigureAwait(false) is { } failure)
                        throw SeccompPreload.Failure(failure);
                }
                finally
                {
                    if (runtime.HasState(id)) await runtime.DeleteAsync(id, force: true, CancellationToken.None).ConfigureAwait(false);
                }
            }
            await readers.ConfigureAwait(false);
        }
        finally
        {
            outRead.Dispose();
            errRead.Dispose();
        }
        stubs.Remove();
        return status.DockerExitCode;
    }

    private static bool IsSystemMount(string destination) =>
        destination is "/proc" or "/dev" or "/sys" || destination.StartsWith("/proc/", StringComparison.Ordinal)
        || destination.StartsWith("/dev/", StringComparison.Ordinal) || destination.StartsWith("/sys/", StringComparison.Ordinal);

    /// <summary>
    /// Copies a step's output pipe to <paramref name="output"/> on a thread of its own: a pipe read blocks, and
    /// two of them on a two-core machine's thread pool would starve it for the better part of a second.
    /// </summary>
    private static Task PumpAsync(SafeFileHandle pipe, bool stderr, Action<ReadOnlyMemory<byte>, bool> output) =>
        Task.Factory.StartNew(() =>
        {
            using var stream = new FileStream(pipe, FileAccess.Read, bufferSize: 0);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = stream.Read(buffer)) > 0) output(buffer.AsMemory(0, read), stderr);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
