using Berth.Cli.Rendering;
using Berth.CommandLine;

namespace Berth.Cli.Commands.Image;

/// <summary><c>berth load</c>: a docker-archive or OCI archive (maybe compressed) from a file or stdin.</summary>
internal static class LoadCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("load", "Load an image from a tar archive or STDIN") { Usage = "[OPTIONS]", Args = ArgRule.None };
        var input = command.Options.AddString("input", 'i', "Read from tar archive file, instead of STDIN", valueName: "string");
        var quiet = command.Options.AddBool("quiet", 'q', "Suppress the load output");
        command.SetHandler(async (context, ct) =>
        {
            Stream source;
            if (context.Get(input) is { Length: > 0 } path)
            {
                source = File.Exists(path)
                    ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20)
                    : throw Oci.BerthException.NotFound($"open {path}: no such file or directory");
            }
            else
            {
                if (!Console.IsInputRedirected)
                {
                    context.Err.WriteLine("Error: requested load from stdin, but stdin is empty");
                    return ErrorMapping.Failure;
                }
                source = Console.OpenStandardInput(1 << 20);
            }
            await using (source)
            {
                using var engine = globals.OpenEngine(context);
                var progress = context.Get(quiet) ? null : ProgressRenderer.ForStdout(context.Out);
                var loaded = await engine.Images.LoadAsync(source, progress, ct);
                if (context.Get(quiet)) return 0;
                foreach (var image in loaded)
                {
                    foreach (var (name, oldId) in image.Replaced)
                        context.Out.WriteLine($"The image {name.ToFamiliarString()} already exists, renaming the old one with ID {oldId} to empty string");
                    if (image.Names.Count == 0) context.Out.WriteLine($"Loaded image ID: {image.Id}");
                    foreach (var name in image.Names) context.Out.WriteLine($"Loaded image: {name.ToFamiliarString()}");
                }
            }
            return 0;
        });
        return command;
    }
}
