using Berth.CommandLine;
using Berth.Images;
using Berth.Oci;

namespace Berth.Cli.Commands.Image;

/// <summary><c>berth import file|URL|- [REPOSITORY[:TAG]]</c>: a root filesystem tarball becomes an image.</summary>
internal static class ImportCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("import", "Import the contents from a tarball to create a filesystem image")
        {
            Usage = "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
            Args = ArgRule.Between(1, 2),
        };
        var changes = command.Options.AddList("change", 'c', "Apply Dockerfile instruction to the created image");
        var message = command.Options.AddString("message", 'm', "Set commit message for imported image", valueName: "string");
        var platform = command.Options.AddString("platform", null, "Set platform if server is multi-platform capable", valueName: "string");
        command.SetHandler(async (context, ct) =>
        {
            var source = context.Arguments[0];
            var options = new ImportOptions
            {
                // docker streams a local file as the request body, so its comment says "Imported from -".
                Source = IsUrl(source) ? source : "-",
                Message = context.IsSet(message) ? context.Get(message) : null,
                Changes = context.Get(changes),
                Platform = ParsePlatform(context.Get(platform)),
            };
            await using var input = await OpenAsync(source, ct);
            using var engine = globals.OpenEngine(context);
            var image = await engine.Images.ImportAsync(input, options, context.Arguments.Count > 1 ? context.Arguments[1] : null, ct);
            context.Out.WriteLine(image.Id.ToString());
            return 0;
        });
        return command;
    }

    private static async Task<Stream> OpenAsync(string source, CancellationToken ct)
    {
        if (source == "-") return Console.OpenStandardInput(1 << 20);
        if (IsUrl(source))
        {
            var client = new HttpClient();
            var response = await client.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
                throw new BerthException(ErrorKind.Unavailable, $"error downloading {source}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return await response.Content.ReadAsStreamAsync(ct);
        }
        try
        {
            return new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        }
        catch (FileNotFoundException)
        {
            throw BerthException.NotFound($"open {source}: no such file or directory");
        }
    }

    private static bool IsUrl(string source) =>
        source.StartsWith("http://", StringComparison.Ordinal) || source.StartsWith("https://", StringComparison.Ordinal);

    private static Platform? ParsePlatform(string text) => text.Length == 0 ? null : Platform.Parse(text);
}
