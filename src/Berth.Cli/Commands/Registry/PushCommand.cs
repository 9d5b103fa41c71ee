using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Oci;

namespace Berth.Cli.Commands.Registry;

/// <summary><c>berth push NAME[:TAG]</c>: per-layer progress, then <c>TAG: digest: … size: …</c> as docker prints.</summary>
internal static class PushCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("push", "Upload an image to a registry") { Usage = "[OPTIONS] NAME[:TAG]", Args = ArgRule.Exactly(1) };
        var allTags = command.Options.AddBool("all-tags", 'a', "Push all tags of an image to the repository");
        var quiet = command.Options.AddBool("quiet", 'q', "Suppress verbose output");
        command.SetHandler(async (context, ct) =>
        {
            var name = context.Arguments[0];
            if (!Reference.TryParse(name, out var reference, out var error)) throw BerthException.Invalid(error);
            var output = context.Get(quiet) ? TextWriter.Null : context.Out;
            using var engine = globals.OpenEngine(context);
            if (!context.Get(allTags) && reference.Tag is null) output.WriteLine($"Using default tag: {Reference.DefaultTag}");
            output.WriteLine($"The push refers to repository [{reference.Name}]");
            var results = await engine.Images.PushAsync(name, context.Get(allTags), ProgressRenderer.ForStdout(output, plainLines: true), ct);
            foreach (var result in results) output.WriteLine($"{result.Reference.Tag}: digest: {result.Digest} size: {result.Size}");
            if (context.Get(quiet)) foreach (var result in results) context.Out.WriteLine(result.Reference.ToString());
            return 0;
        });
        return command;
    }
}
