using Berth.Builder.Execution;
using Berth.Cli.Commands.Container;
using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Build;

/// <summary>
/// <c>berth build [OPTIONS] PATH | -</c>: BuildKit's progress on stderr (a live view on a terminal, plain lines
/// otherwise), the image ID on stdout with <c>-q</c>, and on failure BuildKit's report (the failed step, its
/// output tail, the Dockerfile lines) and <c>ERROR: failed to solve: …</c>, exit status 1.
/// </summary>
internal static class BuildCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("build", "Build an image from a Dockerfile") { Usage = "[OPTIONS] PATH | URL | -", Args = ArgRule.Exactly(1) };
        var flags = new BuildFlags(command.Options);
        command.SetHandler(async (context, ct) =>
        {
            var quiet = context.Get(flags.Quiet);
            var mode = quiet ? "quiet" : context.Get(flags.Progress);
            if (mode is not ("auto" or "plain" or "tty" or "quiet" or "rawjson"))
                throw BerthException.Invalid($"invalid progress mode {mode}: use auto, plain, tty or quiet");
            if (mode == "auto") mode = Console.IsErrorRedirected ? "plain" : "tty";

            var stdinDockerfile = context.Get(flags.File) == "-";
            if (stdinDockerfile && context.Arguments[0] == "-")
                throw BerthException.Invalid("invalid argument: can't use stdin for both build context and dockerfile");
            var dockerfileText = stdinDockerfile ? await Console.In.ReadToEndAsync(ct) : null;
            var request = BuildRequestBuilder.Create(context, flags, dockerfileText);
            if (context.Arguments[0] == "-") request = request with { ContextStream = StandardStreams.OpenInput() };

            TtyBuildProgress? tty = mode == "tty" ? new TtyBuildProgress(context.Err) : null;
            var plain = mode == "plain" ? new PlainBuildProgress(context.Err) : null;
            var failures = tty?.Failures ?? plain?.Failures ?? new BuildFailureLog();
            IProgress<BuildEvent> progress = (IProgress<BuildEvent>?)tty ?? (IProgress<BuildEvent>?)plain ?? new QuietProgress(failures);
            try
            {
                using var engine = globals.OpenEngine(context);
                var response = await engine.Builds.BuildAsync(request, progress, ct);
                tty?.Complete(failed: false);
                if (context.Get(flags.IidFile) is { Length: > 0 } iidFile) await File.WriteAllTextAsync(iidFile, response.ImageId.ToString(), ct);
                if (quiet) context.Out.WriteLine(response.ImageId.ToString());
                return 0;
            }
            catch (BerthException e)
            {
                tty?.Complete(failed: true);
                var dockerfileName = request.DockerfilePath is { } path ? Path.GetFileName(path) : "Dockerfile";
                failures.WriteReport(context.Err, dockerfileName, dockerfileText ?? TryReadDockerfile(request));
                var prefix = e.Message.StartsWith("unable to prepare context", StringComparison.Ordinal) ? "" : "failed to solve: ";
                context.Err.WriteLine($"ERROR: {prefix}{e.Message}");
                return 1;
            }
            finally
            {
                tty?.Dispose();
            }
        });
        return command;
    }

    private static string? TryReadDockerfile(Engine.Models.BuildRequest request)
    {
        try
        {
            var path = request.DockerfilePath ?? Path.Combine(request.ContextDirectory ?? ".", "Dockerfile");
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
