using System.Diagnostics;
using System.Text.Json;
using Berth.Archive;
using Berth.Archive.Changes;
using Berth.Builder.Execution;
using Berth.Content;
using Berth.Engine.Images;
using Berth.Engine.Models;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Engine.Builds;

public sealed partial class BuildService
{
    private async Task<BuildResponse> ExportAsync(BuildOutcome outcome, IReadOnlyList<Reference> names, IReadOnlyList<BuildOutput> outputs,
        BuildWorker worker, IProgress<BuildEvent> progress, int vertex, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        BuildResponse? response = null;
        foreach (var output in outputs)
        {
            switch (output.Type)
            {
                case "image" or "docker" or "oci":
                    var name = "exporting to image";
                    progress.Report(new BuildEvent(vertex, name, BuildEventKind.Started));
                    progress.Report(new BuildEvent(vertex, name, BuildEventKind.Status, "exporting layers done"));
                    response ??= await StoreImageAsync(outcome, names, ct).ConfigureAwait(false);
                    progress.Report(new BuildEvent(vertex, name, BuildEventKind.Status, $"writing image {response.ImageId} done"));
                    foreach (var reference in names) progress.Report(new BuildEvent(vertex, name, BuildEventKind.Status, $"naming to {reference} done"));
                    if (output.Type != "image") await SaveArchiveAsync(response, output, ct).ConfigureAwait(false);
                    progress.Report(new BuildEvent(vertex, name, BuildEventKind.Done, null, watch.Elapsed));
                    break;
                default:
                    var exporting = output.Type == "local" ? "exporting to client directory" : "exporting to client tarball";
                    progress.Report(new BuildEvent(vertex, exporting, BuildEventKind.Started));
                    await ExportRootfsAsync(outcome, output, worker, ct).ConfigureAwait(false);
                    progress.Report(new BuildEvent(vertex, exporting, BuildEventKind.Done, null, watch.Elapsed));
                    break;
            }
            vertex++;
        }
        return response ?? new BuildResponse(default, []);
    }

    /// <summary>
    /// Writes config and manifest and registers the image under its names. Docker media types as BuildKit's
    /// docker exporter writes them, unless a base layer is OCI-typed, which makes the whole image OCI.
    /// </summary>
    private async Task<BuildResponse> StoreImageAsync(BuildOutcome outcome, IReadOnlyList<Reference> names, CancellationToken ct)
    {
        var oci = outcome.Layers.Any(l => l.Blob.MediaType.StartsWith("application/vnd.oci.", StringComparison.Ordinal));
        var layers = outcome.Layers.Select(l => oci && l.Blob.MediaType == MediaTypes.DockerLayer ? l.Blob with { MediaType = MediaTypes.OciLayer } : l.Blob).ToList();
        var config = await _content.IngestAsync(JsonSerializer.SerializeToUtf8Bytes(outcome.Config, OciJsonContext.Default.ImageConfig), ct).ConfigureAwait(false);
        var manifest = new ImageManifest
        {
            MediaType = oci ? MediaTypes.OciManifest : MediaTypes.DockerManifest,
            Config = new Descriptor { MediaType = oci ? MediaTypes.OciConfig : MediaTypes.DockerConfig, Digest = config.Digest, Size = config.Size },
            Layers = layers,
        };
        var stored = await _content.IngestAsync(JsonSerializer.SerializeToUtf8Bytes(manifest, OciJsonContext.Default.ImageManifest), ct).ConfigureAwait(false);
        var descriptor = new Descriptor { MediaType = manifest.MediaType, Digest = stored.Digest, Size = stored.Size };
        var registered = await _images.RegisterAsync(descriptor, names, null, null, ct).ConfigureAwait(false);
        return new BuildResponse(registered.Id, names);
    }

    private async Task SaveArchiveAsync(BuildResponse image, BuildOutput output, CancellationToken ct)
    {
        var inputs = image.Names.Count > 0 ? image.Names.Select(n => n.ToString()).ToList() : [image.ImageId.ToString()];
        var format = output.Type == "oci" ? ArchiveFormat.OciArchive : ArchiveFormat.DockerArchive;
        await WriteToAsync(output.Destination!, stream => _images.SaveAsync(inputs, format, stream, ct), ct).ConfigureAwait(false);
    }

    /// <summary><c>type=local</c> and <c>type=tar</c>: the target's root filesystem, not an image.</summary>
    private async Task ExportRootfsAsync(BuildOutcome outcome, BuildOutput output, BuildWorker worker, CancellationToken ct)
    {
        await using var view = await worker.MountAsync(outcome.Layers, ct).ConfigureAwait(false);
        if (output.Type == "tar")
        {
            await WriteToAsync(output.Destination!, stream => UpperLayerWriter.WriteAsync(view.Path, [], stream, null, ct), ct).ConfigureAwait(false);
            return;
        }
        // Through a tar, so what lands in the directory passes the same safety checks as any layer.
        Directory.CreateDirectory(output.Destination!);
        Directory.CreateDirectory(_layout.Temp);
        var tar = Path.Combine(_layout.Temp, "export-" + Guid.NewGuid().ToString("N") + ".tar");
        try
        {
            await using (var file = new FileStream(tar, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                await UpperLayerWriter.WriteAsync(view.Path, [], file, null, ct).ConfigureAwait(false);
                file.Position = 0;
                await LayerApplier.ApplyAsync(file, output.Destination!, new LayerApplyOptions(), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            File.Delete(tar);
        }
    }

    /// <summary>Writes to a file atomically (temp and rename), or to stdout for <c>-</c>.</summary>
    private static async Task WriteToAsync(string destination, Func<Stream, Task> write, CancellationToken ct)
    {
        if (destination == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            await write(stdout).ConfigureAwait(false);
            return;
        }
        var full = Path.GetFullPath(destination);
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await write(file).ConfigureAwait(false);
                await file.FlushAsync(ct).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
