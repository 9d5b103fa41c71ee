using System.Security.Cryptography;
using System.Text;
using Berth.Builder.Execution;
using Berth.Linux;
using Berth.Runtime.Spec;

namespace Berth.Engine.Builds;

/// <summary>
/// Turns a RUN step's <c>--mount</c>s into OCI mounts and owns what they need on the host for the run: a
/// writable bind gets an overlay so the step's writes never reach the context or the stage it reads; a cache
/// mount is a directory under the state root that outlives builds (created with the given owner and mode,
/// held with a lock for <c>sharing=locked</c> or <c>private</c>); a secret is a private copy with its mode.
/// </summary>
internal sealed class RunMounts(string bundle, StateLayout layout) : IAsyncDisposable
{
    private readonly List<string> _overlays = [];
    private readonly List<FileLock> _locks = [];
    private int _count;

    public OciMount Prepare(RunMount mount)
    {
        var n = _count++;
        switch (mount.Type)
        {
            case RunMountType.Tmpfs:
                var options = new List<string> { "nosuid", "nodev" };
                if (mount.Size is { } size) options.Add($"size={size}");
                return new OciMount { Destination = mount.Target, Type = "tmpfs", Source = "tmpfs", Options = options };
            case RunMountType.Secret:
                var secret = Path.Combine(bundle, "secrets", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(Path.GetDirectoryName(secret)!);
                if (mount.Content is { } content) File.WriteAllBytes(secret, content);
                else File.Copy(mount.Source!, secret);
                File.SetUnixFileMode(secret, (UnixFileMode)(mount.Mode ?? 0x100));
                Ownership.Lchown(secret, mount.Uid ?? 0, mount.Gid ?? 0);
                return Bind(mount.Target, secret, readWrite: false);
            case RunMountType.Cache:
                return Bind(mount.Target, CacheDirectory(mount), mount.ReadWrite);
            default:
                if (!mount.ReadWrite || File.Exists(mount.Source)) return Bind(mount.Target, mount.Source!, readWrite: false);
                return Bind(mount.Target, WritableCopy(mount.Source!, n), readWrite: true);
        }
    }

    private static OciMount Bind(string target, string source, bool readWrite) => new()
    {
        Destination = target, Type = "bind", Source = source, Options = ["rbind", readWrite ? "rw" : "ro"],
    };

    private string CacheDirectory(RunMount mount)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mount.CacheId ?? mount.Target)));
        var root = Path.Combine(layout.Root, "builder", "cache-mounts");
        var directory = Path.Combine(root, name);
        if (mount.Sharing is "locked" or "private")
        {
            Directory.CreateDirectory(root);
            _locks.Add(FileLock.Acquire(directory + ".lock"));
        }
        if (!Directory.Exists(directory))
        {
            // Created aside and renamed so two builds creating the same cache never see it half made.
            var temp = directory + ".tmp-" + Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(temp);
            File.SetUnixFileMode(temp, (UnixFileMode)(mount.Mode ?? 0x1ed));
            Ownership.Lchown(temp, mount.Uid ?? 0, mount.Gid ?? 0);
            try
            {
                Directory.Move(temp, directory);
            }
            catch (IOException)
            {
                Directory.Delete(temp);
            }
        }
        return directory;
    }

    private string WritableCopy(string source, int n)
    {
        var root = Path.Combine(bundle, "binds", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var upper = Path.Combine(root, "upper");
        var work = Path.Combine(root, "work");
        var merged = Path.Combine(root, "merged");
        foreach (var directory in new[] { upper, work, merged }) Directory.CreateDirectory(directory);
        Mounts.Mount("overlay", merged, "overlay", MountFlags.None, $"lowerdir={source},upperdir={upper},workdir={work}");
        _overlays.Add(merged);
        return merged;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var overlay in _overlays) Mounts.Unmount(overlay, UnmountFlags.Detach);
        foreach (var held in _locks) held.Dispose();
        return ValueTask.CompletedTask;
    }
}
