using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Engine.Models;
using Berth.Oci;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    private const string DefaultPsArgs = "-ef";
    private static readonly Regex PsRename = new(@"\s+([^\s]*)=\s*(PID[^\s]*)", RegexOptions.CultureInvariant);

    /// <summary>
    /// <c>berth top</c>: the host's <c>ps</c> run with <paramref name="psArgs"/> (<c>-ef</c> when empty, split on
    /// spaces as docker does), keeping the header and the rows whose PID column is one of the container's
    /// processes as the runtime lists them.
    /// </summary>
    public async Task<ContainerTopResponse> TopAsync(string input, string psArgs, CancellationToken ct)
    {
        if (psArgs.Length == 0) psArgs = DefaultPsArgs;
        ValidatePsArgs(psArgs);
        var container = Get(input);
        if (container.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused))
            throw BerthException.Conflict($"container {container.Id} is not running");
        var pids = await RuntimeOf(container).ProcessesAsync(container.Id, ct).ConfigureAwait(false);
        var args = psArgs.Split(' ');
        // Docker narrows ps to the container's pids with -q first; some options (f) refuse it, so ps runs again
        // without, and the rows are filtered here either way.
        var (ok, output, error) = await RunPsAsync([.. args, "-q" + string.Join(',', pids)], ct).ConfigureAwait(false);
        if (!ok)
        {
            (ok, output, error) = await RunPsAsync(args, ct).ConfigureAwait(false);
            if (!ok)
            {
                var line = error.Split('\n', 2)[0];
                throw new BerthException(ErrorKind.Internal, "ps: " + (line.Length > 0 ? line : "exited with an error"));
            }
        }
        return ParsePsOutput(output, pids);
    }

    /// <summary>
    /// Docker's parsePSOutput: titles from the first line; a row belongs to the container when its PID is one of
    /// <paramref name="pids"/>, and a thread row (PID "-", as <c>ps m</c> prints) when the row above it did.
    /// </summary>
    internal static ContainerTopResponse ParsePsOutput(string output, IReadOnlyCollection<int> pids)
    {
        var lines = output.Split('\n');
        var titles = Fields(lines[0]);
        var pidIndex = titles.IndexOf("PID");
        if (pidIndex < 0) throw BerthException.Invalid("Couldn't find PID field in ps output");
        var processes = new List<IReadOnlyList<string>>();
        var previousContained = false;
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var fields = Fields(line);
            if (fields.Count <= pidIndex) continue;
            if (fields[pidIndex] == "-")
            {
                if (previousContained) processes.Add(Row(fields, titles.Count));
                continue;
            }
            if (!int.TryParse(fields[pidIndex], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                throw new BerthException(ErrorKind.Internal, $"Unexpected pid '{fields[pidIndex]}'");
            previousContained = pids.Contains(pid);
            if (previousContained) processes.Add(Row(fields, titles.Count));
        }
        return new ContainerTopResponse { Titles = titles, Processes = processes };
    }

    // Docker refuses a ps format that renames another column to PID ("-o user=PID"), which would fool the filter.
    private static void ValidatePsArgs(string psArgs)
    {
        foreach (Match match in PsRename.Matches(psArgs))
        {
            if (match.Groups[1].Value != "pid")
                throw BerthException.Invalid($"specifying \"{match.Groups[1].Value}={match.Groups[2].Value}\" is not allowed");
        }
    }

    // ASCII whitespace only, as docker's fieldsASCII: a command line may hold other spaces.
    private static List<string> Fields(string line) =>
        line.Split([' ', '\t', '\n', '\v', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();

    // The last column (the command) may contain spaces: everything past the titles joins into it.
    private static IReadOnlyList<string> Row(List<string> fields, int titles)
    {
        if (fields.Count <= titles) return fields;
        var row = fields.Take(titles - 1).ToList();
        row.Add(string.Join(' ', fields.Skip(titles - 1)));
        return row;
    }

    private static async Task<(bool Ok, string Output, string Error)> RunPsAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ps")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new BerthException(ErrorKind.Unavailable, "ps: cannot start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BerthException(ErrorKind.Unavailable, $"ps: {e.Message}", e);
        }
        using var _ = process;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        return (process.ExitCode == 0, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
