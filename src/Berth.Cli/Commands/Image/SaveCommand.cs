using Berth.CommandLine;
using Berth.Engine.Images;

namespace Berth.Cli.Commands.Image;

/// <summary>
/// <c>berth save</c>: a docker-archive (default) or, with <c>--format oci-archive</c>, an OCI archive. A file
/// output is written beside its destination and renamed into place, so a failed save leaves no partial file.
/// </summary>
internal static class SaveCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("save", "Save one or more images to a tar archive (streamed to STDOUT by default)") { Usage = "[OPTIONS] IMAGE [IMAGE...]", Args = ArgRule.AtLeast(1) };
        var output = command.Options.AddString("output", 'o', "Write to a file, instead of STDOUT", valueName: "string");
        var format = command.Options.AddString("format", null, "Archive format: \"docker-archive\" or \"oci-archive\"", defaultValue: "docker-archive", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            var archiveFormat = context.Get(format) switch
            {
                "docker-archive" or "docker" => ArchiveFormat.DockerArchive,
                "oci-archive" or "oci" => ArchiveFormat.OciArchive,
                var other => throw Oci.BerthException.Invalid($"invalid archive format \"{other}\": use docker-archive or oci-archive"),
            };
            using var engine = globals.OpenEngine(context);
            if (context.Get(output) is not { Length: > 0 } path)
            {
                if (!Console.IsOutputRedirected)
                {
                    context.Err.WriteLine("Error: cowardly refusing to save to a terminal. Use the -o flag or redirect");
                    return ErrorMapping.Failure;
                }
                await using var stdout = Console.OpenStandardOutput(1 << 20);
                await engine.Images.SaveAsync(context.Arguments, archiveFormat, stdout, ct);
                return 0;
            }
            var full = Path.GetFullPath(path);
            if (!Directory.Exists(Path.GetDirectoryName(full)))
                throw Oci.BerthException.Invalid($"failed to save image: invalid output path: directory \"{Path.GetDirectoryName(full)}\" does not exist");
            var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.berth-{Environment.ProcessId}.tmp");
            try
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    await engine.Images.SaveAsync(context.Arguments, archiveFormat, file, ct);
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
