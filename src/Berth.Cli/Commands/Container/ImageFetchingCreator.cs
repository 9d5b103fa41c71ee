using Berth.Cli.Rendering;
using Berth.Engine;
using Berth.Engine.Images;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// Creates a container the way <c>docker run</c>/<c>docker create</c> do with <c>--pull</c>: "missing" pulls only
/// when the image is not here (announcing "Unable to find image ... locally" on stderr), "always" pulls first,
/// "never" fails. Pull progress goes to stderr so stdout carries only the container's output or ID.
/// </summary>
internal static class ImageFetchingCreator
{
    public static async Task<string> CreateAsync(BerthEngine engine, ContainerCreateRequest request, string pullPolicy, bool quiet, TextWriter err,
        Engine.Containers.PendingMonitor? monitor, CancellationToken ct)
    {
        if (pullPolicy is not ("missing" or "always" or "never"))
            throw BerthException.Invalid($"invalid pull option: '{pullPolicy}': must be one of \"always\", \"missing\" or \"never\"");
        var image = request.Config.Image;
        if (pullPolicy == "always") await PullAsync(engine, image, request.Platform, quiet, err, ct);
        try
        {
            return (await engine.Containers.CreateAsync(request, monitor, ct)).Id;
        }
        catch (BerthException e) when (e.Kind == ErrorKind.NotFound && e.Message.StartsWith("No such image", StringComparison.Ordinal) && pullPolicy == "missing")
        {
            err.WriteLine($"Unable to find image '{ImageService.DisplayName(image)}' locally");
            await PullAsync(engine, image, request.Platform, quiet, err, ct);
            return (await engine.Containers.CreateAsync(request, monitor, ct)).Id;
        }
    }

    private static async Task PullAsync(BerthEngine engine, string image, string? platform, bool quiet, TextWriter err, CancellationToken ct)
    {
        if (!Reference.TryParse(image, out var reference, out var error)) throw BerthException.Invalid(error);
        var output = quiet ? TextWriter.Null : err;
        var shown = reference.WithDefaultTag();
        output.WriteLine($"{(object?)shown.Digest ?? shown.Tag}: Pulling from {shown.Path}");
        var options = new PullOptions { Platform = platform is { Length: > 0 } p ? Platform.Parse(p) : null };
        var results = await engine.Images.PullAsync(image, options, ProgressRenderer.ForStdout(output, plainLines: true), ct);
        output.WriteLine($"Digest: {results[0].Digest}");
        output.WriteLine($"Status: Downloaded newer image for {results[0].Reference.ToFamiliarString()}");
    }
}
