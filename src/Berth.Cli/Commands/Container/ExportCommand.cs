using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>berth export</c>: the container's filesystem as a tar, on stdout (never to a terminal) or into a file that
/// is written beside its destination and renamed into place, so a failed export leaves no partial file.
/// </summary>
internal static class ExportCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("export", "Export a container's filesystem as a tar archive") { Usage = "[OPTIONS] CONTAINER", Args = ArgRule.Exactly(1) };
        var output = command.Options.AddString("output", 'o', "Write to a file, instead of STDOUT", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            var container = context.Arguments[0];
            if (context.Get(output) is not { Length: > 0 } path)
            {
                if (!Console.IsOutputRedirected)
                {
                    context.Err.WriteLine("Error: cowardly refusing to save to a terminal. Use the -o flag or redirect");
                    return ErrorMapping.Failure;
                }
                using var streamingEngine = globals.OpenEngine(context);
                context.Out.Flush();
                await using var stdout = Console.OpenStandardOutput(1 << 20);
                await streamingEngine.Containers.ExportAsync(container, stdout, ct);
                return 0;
            }
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(directory))
                throw BerthException.Invalid($"failed to export container: invalid output path: directory \"{directory}\" does not exist");
            using var engine = globals.OpenEngine(context);
            engine.Containers.IdOf(container);
            var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.berth-{Environment.ProcessId}.tmp");
            try
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    await engine.Containers.ExportAsync(container, file, ct);
                    file.Flush(flushToDisk: true);
                }
                File.Move(temp, full, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
            return 0;
        });
        return command;
    }
}
