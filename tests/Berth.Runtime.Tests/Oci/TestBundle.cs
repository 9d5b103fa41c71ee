using System.Text.Json.Nodes;
using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Tests.Oci;

/// <summary>
/// A temp directory with a bundle (a busybox rootfs and a config.json from <c>runc spec</c>), a private runc
/// state root and a runtime over both. Disposing force-deletes every container left in the state root and
/// removes the directory.
/// </summary>
internal sealed class TestBundle : IAsyncDisposable
{
    public const string Busybox = "/bin/busybox";

    private static readonly string[] Applets = ["sh", "echo", "true", "cat", "sleep", "id", "stty", "ls"];

    private TestBundle(string root, ChildReaper reaper)
    {
        Root = root;
        Runtime = new RuncRuntime(ExecutableLookup.Find("runc")!, StateRoot, reaper);
    }

    public string Root { get; }

    public string Bundle => Path.Combine(Root, "bundle");

    public string StateRoot => Path.Combine(Root, "state");

    public string PidFile => Path.Combine(Root, "init.pid");

    public RuncRuntime Runtime { get; }

    /// <summary>A container id unique on the host: runc derives the cgroup path from it.</summary>
    public string Id { get; } = "berth-test-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<TestBundle> CreateAsync(ChildReaper reaper, string[] args, bool terminal = false)
    {
        var bundle = new TestBundle(Directory.CreateTempSubdirectory("berth-runc-").FullName, reaper);
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(bundle.Bundle, "rootfs", "bin")).FullName;
            File.Copy(Busybox, Path.Combine(bin, "busybox"));
            foreach (var applet in Applets) File.CreateSymbolicLink(Path.Combine(bin, applet), "busybox");
            var spec = ChildProcess.Spawn(new SpawnOptions { Path = "runc", Args = ["spec", "--bundle", bundle.Bundle] });
            var status = await reaper.WaitAsync(spec, CancellationToken.None);
            if (status.Code != 0) throw new InvalidOperationException($"runc spec failed: {status}");

            var configPath = Path.Combine(bundle.Bundle, "config.json");
            var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath))!;
            config["process"]!["args"] = new JsonArray([.. args.Select(a => JsonValue.Create(a))]);
            config["process"]!["terminal"] = terminal;
            await File.WriteAllTextAsync(configPath, config.ToJsonString());
            return bundle;
        }
        catch
        {
            await bundle.DisposeAsync();
            throw;
        }
    }

    /// <summary>A runtime-spec process object for exec.</summary>
    public static byte[] ProcessJson(string[] args, string cwd = "/")
    {
        var process = new JsonObject
        {
            ["terminal"] = false,
            ["user"] = new JsonObject { ["uid"] = 0, ["gid"] = 0 },
            ["args"] = new JsonArray([.. args.Select(a => JsonValue.Create(a))]),
            ["env"] = new JsonArray("PATH=/bin", "TERM=xterm"),
            ["cwd"] = cwd,
        };
        return System.Text.Encoding.UTF8.GetBytes(process.ToJsonString());
    }

    public async Task<int> ReadPidAsync() => int.Parse((await File.ReadAllTextAsync(PidFile)).Trim());

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(StateRoot))
        {
            foreach (var container in Directory.GetDirectories(StateRoot))
            {
                try
                {
                    await Runtime.DeleteAsync(Path.GetFileName(container), force: true, CancellationToken.None);
                }
                catch (BerthException)
                {
                }
            }
        }

        Directory.Delete(Root, recursive: true);
    }
}
