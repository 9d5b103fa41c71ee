using System.Diagnostics;
using System.Text.RegularExpressions;
using Berth.Runtime.Logs;
using Berth.Testing;

namespace Berth.Runtime.Tests.Logs;

public sealed partial class DockerDifferentialTests
{
    // Tabs, HTML characters, quotes, an empty line, a 20,000-byte line, invalid UTF-8 and a last line without newline.
    private const string Script =
        "printf 'a\\tb <&> \"q\" \\\\ \\001\\n\\n'; head -c 20000 /dev/zero | tr '\\000' x; printf '\\n\\377\\303\\251\\nend'";

    [GeneratedRegex("\"time\":\"[^\"]*\"")]
    private static partial Regex TimeField();

    [DockerFact]
    public async Task Log_matches_what_dockers_json_file_driver_writes_for_the_same_output()
    {
        var name = "berth-logs-diff-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await RunAsync("run", "--name", name, "--log-driver", "json-file", "busybox", "sh", "-c", Script);
            var logPath = (await RunAsync("inspect", "-f", "{{.LogPath}}", name)).Trim();
            var dockerLog = await File.ReadAllTextAsync(logPath);
            // The same script run here by busybox gives the raw bytes (docker logs would give them back with
            // invalid UTF-8 already replaced).
            var output = await RunRawAsync("/bin/busybox", "sh", "-c", Script);

            using var dir = new TempDir();
            using (var writer = new JsonFileLogWriter(dir["c.log"], TimeProvider.System))
            {
                // Feed in odd-sized reads: the cut must not depend on how the pipe delivered the bytes.
                for (var i = 0; i < output.Length; i += 777)
                    writer.Write(LogStream.Stdout, output.AsSpan(i, Math.Min(777, output.Length - i)));
            }
            var ours = await File.ReadAllTextAsync(dir["c.log"]);
            Assert.Equal(TimeField().Replace(dockerLog, "\"time\":\"T\""), TimeField().Replace(ours, "\"time\":\"T\""));
        }
        finally
        {
            await RunAsync("rm", "-f", name);
        }
    }

    private static async Task<string> RunAsync(params string[] args) =>
        System.Text.Encoding.UTF8.GetString(await RunRawAsync(DockerFactAttribute.Docker, args));

    private static async Task<byte[]> RunRawAsync(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await copy;
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {await stderr}");
        return stdout.ToArray();
    }
}
