using System.Diagnostics;

namespace Berth.Cli.Tests.Support;

/// <summary>Runs the real berth binary against one state root and captures exit code, stdout and stderr.</summary>
public sealed class BerthRunner(string binary, string? root, string? runroot)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public string Binary { get; } = binary;

    public BerthResult Run(params string[] args) => Exec(args);

    /// <summary>Runs with <c>--root/--runroot</c> first (when set), optional stdin bytes or file, extra env.</summary>
    public BerthResult Exec(
        IReadOnlyList<string> args,
        byte[]? stdin = null,
        string? stdinFile = null,
        IReadOnlyDictionary<string, string>? env = null,
        bool globalFlags = true,
        TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(Binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var argv = new List<string>();
        if (globalFlags && root != null)
            argv.AddRange(["--root", root]);
        if (globalFlags && runroot != null)
            argv.AddRange(["--runroot", runroot]);
        argv.AddRange(args);
        foreach (var a in argv)
            psi.ArgumentList.Add(a);
        // The environment of the test runner must not leak a root into the binary under test.
        psi.Environment.Remove("BERTH_ROOT");
        psi.Environment.Remove("BERTH_RUNROOT");
        if (env != null)
        {
            foreach (var (k, v) in env)
                psi.Environment[k] = v;
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + Binary);
        var stdout = new MemoryStream();
        var outTask = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var errTask = p.StandardError.ReadToEndAsync();
        var inTask = Task.Run(() => FeedStdin(p, stdin, stdinFile));
        var limit = timeout ?? DefaultTimeout;
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.Fail($"berth {string.Join(' ', argv)} did not finish within {limit}");
        }
        Task.WaitAll(outTask, errTask);
        try { inTask.Wait(); } catch (AggregateException) { /* the binary may close stdin early (EPIPE) */ }
        return new BerthResult(p.ExitCode, stdout.ToArray(), errTask.Result, "berth " + string.Join(' ', argv));
    }

    private static void FeedStdin(Process p, byte[]? stdin, string? stdinFile)
    {
        using var input = p.StandardInput.BaseStream;
        if (stdin != null)
            input.Write(stdin);
        else if (stdinFile != null)
        {
            using var f = File.OpenRead(stdinFile);
            f.CopyTo(input);
        }
    }
}
