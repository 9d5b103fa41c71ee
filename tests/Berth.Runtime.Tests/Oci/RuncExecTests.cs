using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Oci;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Tests.Oci;

/// <summary>
/// runc exec fed from memory: the process object and runc's log are in-memory files runc opens through its
/// descriptors, so an exec writes nothing to disk, and a failure runc only logs still reaches the caller.
/// </summary>
public sealed class RuncExecTests
{
    [RuncFact]
    public async Task ThePassedProcessRuns_AndNothingIsLeftInTheStateRoot()
    {
        await using var bundle = await StartedAsync();
        var (read, write) = Pipe.Create();
        ExitStatus status;
        using (read)
        {
            using (write)
                status = await bundle.Runtime.ExecAsync(bundle.Id, TestBundle.ProcessJson(["sh", "-c", "echo hi; ls /proc/self/fd"]),
                    new RuntimeIo(null, write, null), null, detach: false, null, CancellationToken.None);
            await using var output = new FileStream(read, FileAccess.Read, bufferSize: 0);
            using var reader = new StreamReader(output);
            // The process sees stdio and the directory ls reads, none of runc's in-memory files.
            Assert.Equal("hi\n0\n1\n2\n3\n", await reader.ReadToEndAsync());
        }

        Assert.Equal(0, status.Code);
        Assert.Equal([bundle.Id], Directory.GetFileSystemEntries(bundle.StateRoot).Select(Path.GetFileName));
    }

    [RuncFact]
    public async Task AFailureRuncOnlyLogs_IsReported()
    {
        await using var bundle = await StartedAsync();

        var failure = await Assert.ThrowsAsync<BerthException>(() => bundle.Runtime.ExecAsync(bundle.Id,
            TestBundle.ProcessJson(["true"], cwd: "/no/such/dir"), RuntimeIo.Null, null, detach: false, null, CancellationToken.None));

        Assert.Contains("/no/such/dir", failure.Message);
        Assert.Equal([bundle.Id], Directory.GetFileSystemEntries(bundle.StateRoot).Select(Path.GetFileName));
    }

    private static async Task<TestBundle> StartedAsync()
    {
        var bundle = await TestBundle.CreateAsync(ChildReaper.ForChildren(), ["sleep", "100"]);
        try
        {
            await bundle.Runtime.RunDetachedAsync(bundle.Id, bundle.Bundle, RuntimeIo.Null, null, bundle.PidFile, CancellationToken.None);
            return bundle;
        }
        catch
        {
            await bundle.DisposeAsync();
            throw;
        }
    }
}
