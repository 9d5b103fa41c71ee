using Berth.CommandLine;
using Berth.Engine.Containers;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>berth run</c>: create, then start, attached to the container's output (and input with <c>-i</c>) unless
/// <c>-d</c>. Exits with the container's exit code; with 125 when Berth itself fails, 126 when the command
/// cannot be invoked and 127 when it is not found, as docker does.
/// </summary>
internal static class RunCommand
{
    public const int EngineFailure = 125;

    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("run", "Create and run a new container from an image")
        {
            Usage = "[OPTIONS] IMAGE [COMMAND] [ARG...]",
            Args = ArgRule.AtLeast(1),
            Interspersed = false,
        };
        var flags = new RunFlags(command.Options);
        var detach = command.Options.AddBool("detach", 'd', "Run container in background and print container ID");
        var detachKeys = command.Options.AddString("detach-keys", null, "Override the key sequence for detaching a container", valueName: "string");
        var sigProxy = command.Options.AddBool("sig-proxy", null, "Proxy received signals to the process", defaultValue: true);
        command.SetHandler(async (context, ct) =>
        {
            try
            {
                var background = context.Get(detach);
                // The monitor starts up while the engine opens and the container is created and its rootfs mounted.
                var options = globals.ResolveEngineOptions(context);
                using var monitor = ContainerService.PrepareMonitor(options);
                using var engine = Engine.BerthEngine.Open(options);
                var request = BuildRequest(context, flags, background);
                var id = await CreateAsync(engine, context, flags, request, monitor, ct);
                if (background)
                {
                    using var start = await engine.Containers.StartAsync(id, new StartOptions { Monitor = monitor }, ct);
                    context.Out.WriteLine(id);
                    return 0;
                }
                return await ForegroundRun.RunAsync(engine, id, context, new ForegroundOptions
                {
                    DetachKeys = context.Get(detachKeys),
                    ProxySignals = context.Get(sigProxy),
                    Monitor = monitor,
                }, ct);
            }
            catch (BerthException e) when (e.ExitCode is null)
            {
                throw new BerthException(e.Kind, e.Message, e) { ExitCode = EngineFailure };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Anything that stops Berth itself from running the container is docker's 125.
                throw new BerthException(ErrorKind.Internal, e.Message, e) { ExitCode = EngineFailure };
            }
        });
        return command;
    }

    /// <summary>Builds the request from the flags, pulls as <c>--pull</c> says, creates, writes <c>--cidfile</c>.</summary>
    public static Task<string> CreateContainerAsync(Engine.BerthEngine engine, CliContext context, RunFlags flags, bool detach, CancellationToken ct) =>
        CreateAsync(engine, context, flags, BuildRequest(context, flags, detach), null, ct);

    // Everything that can reject the flags happens here, before anything starts.
    private static Engine.Models.ContainerCreateRequest BuildRequest(CliContext context, RunFlags flags, bool detach)
    {
        var request = RunRequestBuilder.Build(context, flags, context.Arguments[0], context.Arguments.Skip(1).ToList(), detach);
        var cidFile = request.HostConfig.ContainerIDFile;
        if (cidFile.Length > 0 && File.Exists(cidFile))
            throw BerthException.Invalid($"container ID file found, make sure the other container isn't running or delete {cidFile}");
        return request;
    }

    private static async Task<string> CreateAsync(Engine.BerthEngine engine, CliContext context, RunFlags flags,
        Engine.Models.ContainerCreateRequest request, PendingMonitor? monitor, CancellationToken ct)
    {
        var id = await ImageFetchingCreator.CreateAsync(engine, request, context.Get(flags.Pull), context.Get(flags.Quiet), context.Err, monitor, ct);
        var cidFile = request.HostConfig.ContainerIDFile;
        if (cidFile.Length > 0) await File.WriteAllTextAsync(cidFile, id, ct);
        return id;
    }
}
