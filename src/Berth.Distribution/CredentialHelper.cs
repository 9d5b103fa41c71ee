using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Oci;

namespace Berth.Distribution;

/// <summary>
/// Runs a <c>docker-credential-&lt;name&gt;</c> program (docker-credential-helpers protocol): the verb is the
/// argument, the request goes on stdin (the server URL for <c>get</c>/<c>erase</c>, a JSON object for
/// <c>store</c>), the answer comes on stdout; "credentials not found" on a failed <c>get</c> means none.
/// </summary>
internal sealed class CredentialHelper(string name, string? searchPath)
{
    private const string NotFound = "credentials not found in native keychain";

    public async Task<Credential?> GetAsync(string serverUrl, CancellationToken ct)
    {
        var (code, output) = await RunAsync("get", serverUrl, ct).ConfigureAwait(false);
        if (code != 0)
        {
            if (output.Contains(NotFound, StringComparison.OrdinalIgnoreCase)) return null;
            throw Failure("get", output);
        }
        var node = JsonNode.Parse(output);
        var user = node?["Username"]?.GetValue<string>();
        var secret = node?["Secret"]?.GetValue<string>();
        return string.IsNullOrEmpty(secret) ? null : new Credential(user ?? "", secret);
    }

    public async Task StoreAsync(string serverUrl, Credential credential, CancellationToken ct)
    {
        var request = new JsonObject { ["ServerURL"] = serverUrl, ["Username"] = credential.Username, ["Secret"] = credential.Secret };
        var (code, output) = await RunAsync("store", request.ToJsonString(), ct).ConfigureAwait(false);
        if (code != 0) throw Failure("store", output);
    }

    public async Task<bool> EraseAsync(string serverUrl, CancellationToken ct)
    {
        var (code, output) = await RunAsync("erase", serverUrl, ct).ConfigureAwait(false);
        if (code == 0) return true;
        if (output.Contains(NotFound, StringComparison.OrdinalIgnoreCase)) return false;
        throw Failure("erase", output);
    }

    private BerthException Failure(string verb, string output) =>
        new(ErrorKind.Internal, $"error {(verb == "get" ? "getting" : verb == "store" ? "storing" : "erasing")} credentials - err: exit status 1, out: `{output.Trim()}`");

    private async Task<(int Code, string Output)> RunAsync(string verb, string input, CancellationToken ct)
    {
        var program = "docker-credential-" + name;
        var path = Resolve(program)
            ?? throw new BerthException(ErrorKind.Unavailable, $"error getting credentials - err: exec: \"{program}\": executable file not found in $PATH");
        var start = new ProcessStartInfo(path, verb)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using var process = Process.Start(start) ?? throw new BerthException(ErrorKind.Internal, $"cannot start {program}");
        await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }

    private string? Resolve(string program)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
