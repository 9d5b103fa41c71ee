using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Containers;

/// <summary>
/// Docker's merge of what <c>run</c> asked for with the image's config (moby daemon/create.go): the user's values
/// win, environment variables merge by name, labels and volumes merge, and the command follows the
/// Entrypoint/Cmd rules of the Dockerfile reference.
/// </summary>
internal static class ConfigMerger
{
    /// <summary>The PATH Docker gives a container whose image and flags set none.</summary>
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static DockerContainerConfig Merge(DockerContainerConfig user, ContainerConfig? image, string imageName)
    {
        image ??= new ContainerConfig();
        // An entrypoint given on the command line (even an empty one) replaces the image's and drops its Cmd;
        // without one, the image's entrypoint stays and its Cmd is the default when the user gave none.
        IReadOnlyList<string>? entrypoint = user.Entrypoint;
        var cmd = user.Cmd is { Count: > 0 } ? user.Cmd : null;
        if (entrypoint is null)
        {
            entrypoint = image.Entrypoint;
            cmd ??= image.Cmd;
        }
        else if (entrypoint is [""])
        {
            entrypoint = [];
            cmd ??= image.Cmd;
        }
        return user with
        {
            Image = imageName,
            User = Pick(user.User, image.User),
            WorkingDir = Pick(user.WorkingDir, image.WorkingDir),
            Env = MergeEnv(image.Env, user.Env),
            Entrypoint = entrypoint is { Count: > 0 } ? entrypoint : null,
            Cmd = cmd is { Count: > 0 } ? cmd : null,
            Labels = MergeMaps(image.Labels, user.Labels),
            Volumes = MergeMaps(image.Volumes, user.Volumes),
            ExposedPorts = MergeMaps(image.ExposedPorts, user.ExposedPorts),
            StopSignal = user.StopSignal ?? image.StopSignal,
            Healthcheck = user.Healthcheck ?? image.Healthcheck,
            OnBuild = image.OnBuild,
            Shell = image.Shell,
            ArgsEscaped = null,
        };
    }

    /// <summary>The command line a container runs: entrypoint then cmd; "No command specified" when empty.</summary>
    public static (string Path, IReadOnlyList<string> Args) Command(DockerContainerConfig merged)
    {
        var all = (merged.Entrypoint ?? []).Concat(merged.Cmd ?? []).ToList();
        if (all.Count == 0) throw BerthException.Invalid("No command specified");
        return (all[0], all[1..]);
    }

    /// <summary>
    /// The environment the process starts with (moby's CreateDaemonEnvironment): PATH, HOSTNAME and, with a
    /// terminal, TERM come first and the container's own variables override them; HOME follows the user.
    /// </summary>
    public static IReadOnlyList<string> RuntimeEnv(IReadOnlyList<string>? configEnv, string hostname, bool tty, string home)
    {
        var daemon = new List<string> { DefaultPath, "HOSTNAME=" + hostname };
        if (tty) daemon.Add("TERM=xterm");
        var merged = MergeEnv(daemon, configEnv).ToList();
        if (!merged.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal))) merged.Add("HOME=" + home);
        return merged;
    }

    /// <summary>Image variables first, user variables override by name.</summary>
    public static IReadOnlyList<string> MergeEnv(IReadOnlyList<string>? image, IReadOnlyList<string>? user)
    {
        var merged = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in (image ?? []).Concat(user ?? []))
        {
            var name = entry.Split('=', 2)[0];
            if (index.TryGetValue(name, out var at)) merged[at] = entry;
            else
            {
                index[name] = merged.Count;
                merged.Add(entry);
            }
        }
        return merged;
    }

    private static string Pick(string user, string? image) => user.Length > 0 ? user : image ?? "";

    private static IReadOnlyDictionary<string, T>? MergeMaps<T>(IReadOnlyDictionary<string, T>? image, IReadOnlyDictionary<string, T>? user)
    {
        if (image is not { Count: > 0 }) return user;
        if (user is not { Count: > 0 }) return image;
        var merged = new Dictionary<string, T>(image, StringComparer.Ordinal);
        foreach (var (key, value) in user) merged[key] = value;
        return merged;
    }
}
