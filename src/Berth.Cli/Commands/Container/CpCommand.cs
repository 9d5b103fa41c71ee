using Berth.Archive.Copy;
using Berth.Cli.Rendering;
using Berth.CommandLine;
using Berth.Engine;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// <c>berth cp</c>: docker cp in both directions, for running and stopped containers. Container paths are
/// resolved inside the container (its symlinks never reach the host); "-" streams a tar on stdin or stdout.
/// </summary>
internal static class CpCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("cp", "Copy files/folders between a container and the local filesystem")
        {
            Usage = "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
            LongDescription = "Copy files/folders between a container and the local filesystem\n\n" +
                "Use '-' as the source to read a tar archive from stdin\n" +
                "and extract it to a directory destination in a container.\n" +
                "Use '-' as the destination to stream a tar archive of a\n" +
                "container source to stdout.",
            Args = ArgRule.Exactly(2),
        };
        var archive = command.Options.AddBool("archive", 'a', "Archive mode (copy all uid/gid information)");
        var followLink = command.Options.AddBool("follow-link", 'L', "Always follow symbol link in SRC_PATH");
        var quiet = command.Options.AddBool("quiet", 'q',
            "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached");
        command.SetHandler(async (context, ct) =>
        {
            var (sourceContainer, sourcePath) = Split(context.Arguments[0]);
            var (destContainer, destPath) = Split(context.Arguments[1]);
            if (sourceContainer.Length > 0 && destContainer.Length > 0)
                throw BerthException.Invalid("copying between containers is not supported");
            if (sourceContainer.Length == 0 && destContainer.Length == 0)
                throw BerthException.Invalid("must specify at least one container source");
            if ((sourceContainer.Length > 0 ? sourcePath : destPath).Length == 0)
                throw BerthException.Invalid(sourceContainer.Length > 0 ? "source path cannot be empty" : "destination path cannot be empty");
            // docker suppresses the summary line when no terminal is attached to its output.
            var report = !context.Get(quiet) && !Console.IsOutputRedirected;
            using var engine = globals.OpenEngine(context);
            if (sourceContainer.Length > 0)
                await FromContainerAsync(context, engine, sourceContainer, sourcePath, destPath, context.Get(followLink), report, ct);
            else
                await ToContainerAsync(context, engine, sourcePath, destContainer, destPath, context.Get(followLink), context.Get(archive), report, ct);
            return 0;
        });
        return command;
    }

    private static async Task FromContainerAsync(CliContext context, BerthEngine engine, string container, string sourcePath, string destPath,
        bool followLink, bool report, CancellationToken ct)
    {
        var stat = await engine.Containers.StatPathAsync(container, sourcePath, ct);
        if (destPath == "-")
        {
            context.Out.Flush();
            await using var stdout = Console.OpenStandardOutput(1 << 20);
            await engine.Containers.CopyOutAsync(container, sourcePath, stdout, followLink, ct);
            return;
        }
        var isDirectory = stat.IsDirectory;
        if (followLink && stat.IsSymlink)
            isDirectory = (await engine.Containers.StatPathAsync(container, stat.LinkTarget, ct)).IsDirectory;
        var source = new CopySource { Path = sourcePath, IsDirectory = isDirectory };
        var hostDest = FullPath(destPath);
        var size = await TarPipe.RunAsync(
            output => engine.Containers.CopyOutAsync(container, sourcePath, output, followLink, ct),
            input => LocalArchive.ExtractAsync(input, hostDest, source, ct));
        if (report) context.Err.WriteLine($"Successfully copied {HumanSize.Format(size, 3)} to {hostDest}");
    }

    private static async Task ToContainerAsync(CliContext context, BerthEngine engine, string sourcePath, string container, string destPath,
        bool followLink, bool copyUidGid, bool report, CancellationToken ct)
    {
        if (sourcePath == "-")
        {
            await using var stdin = Console.OpenStandardInput(1 << 20);
            await engine.Containers.CopyInAsync(container, destPath, stdin, null, copyUidGid, ct);
            return;
        }
        // The container must exist before the host side is looked at, as docker asks the daemon first.
        engine.Containers.IdOf(container);
        var source = DescribeHostSource(sourcePath, followLink);
        var size = await TarPipe.RunAsync(
            output => LocalArchive.WriteAsync(sourcePath, output, followLink, ct),
            input => engine.Containers.CopyInAsync(container, destPath, input, source, copyUidGid, ct));
        if (report) context.Err.WriteLine($"Successfully copied {HumanSize.Format(size, 3)} to {container}:{destPath}");
    }

    /// <summary>docker's splitCpArg: an absolute path or one starting with "." is local; else "NAME:PATH" names a container.</summary>
    internal static (string Container, string Path) Split(string argument)
    {
        if (argument.StartsWith('/')) return ("", argument);
        var colon = argument.IndexOf(':');
        if (colon < 0 || argument.StartsWith('.')) return ("", argument);
        return (argument[..colon], argument[(colon + 1)..]);
    }

    /// <summary>What the tar of a host path will hold (archive.CopyInfoSourcePath), known before it is written.</summary>
    private static CopySource DescribeHostSource(string hostPath, bool followLink)
    {
        var full = Path.GetFullPath(hostPath);
        if (!FileStatus.TryLstat(full, out var status, out var errno))
            throw errno is Errno.ENOENT or Errno.ENOTDIR
                ? BerthException.NotFound($"lstat {hostPath}: no such file or directory")
                : new LinuxIOException("lstat", hostPath, errno);
        var isDirectory = status.Type == UnixFileType.Directory;
        if (status.Type == UnixFileType.SymbolicLink && (followLink || CopyPlan.AssertsDirectory(hostPath)))
            isDirectory = Directory.Exists(full);
        return new CopySource { Path = hostPath, IsDirectory = isDirectory };
    }

    // docker's resolveLocalPath: absolute, with a trailing separator (or "/.") kept because it changes the meaning.
    private static string FullPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (path.EndsWith("/.", StringComparison.Ordinal) || path == ".") return full.TrimEnd('/') + "/.";
        if (path.EndsWith('/') && !full.EndsWith('/')) return full + "/";
        return full;
    }
}
