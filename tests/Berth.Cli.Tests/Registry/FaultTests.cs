using System.Diagnostics;
using System.Net;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests.Registry;

/// <summary>Registries that lie, cut the connection or are too slow to wait for; berth's store stays consistent.</summary>
public sealed class FaultTests
{
    private static BuiltImage BigImage(int seed, int megabytes)
    {
        var builder = new ImageArchiveBuilder(seed);
        return builder.Layer(new LayerBuilder().File("big.bin", builder.RandomBytes(megabytes << 20))).Build();
    }

    [Theory]
    [InlineData("wrong-bytes")]
    [InlineData("truncated")]
    public void A_layer_that_does_not_match_its_digest_fails_the_pull_and_leaves_nothing(string lie)
    {
        using var registry = new StaticRegistry();
        var image = new ImageArchiveBuilder(3).Layer(BusyboxRootfs.Layer(), LayerCompression.Gzip).Build();
        registry.AddImage("liar/app", "v1", image);
        var layerDigest = image.Layers[0].BlobDigest;
        registry.BlobHook = async (context, digest, content, start) =>
        {
            if (digest != layerDigest) return false;
            var body = lie == "truncated" ? content[..(content.Length / 2)] : content.Select(b => (byte)(b ^ 0x5A)).ToArray();
            await Berth.Testing.ScriptedServer.WriteAsync(context, 200, body, "application/octet-stream");
            return true;
        };
        using var t = new TestRoot();
        var pull = RegistryCli.Run(t, "pull", $"{registry.Domain}/liar/app:v1");
        Assert.True(pull.ExitCode == 1, pull.ToString());
        Assert.Empty(Setup.Names(t));
        RegistryCli.AssertClean(t);
    }

    [Fact]
    public void A_connection_cut_mid_layer_is_resumed_with_a_range_request_within_one_pull()
    {
        using var registry = new StaticRegistry();
        var image = BigImage(4, 200);
        var name = $"{registry.Domain}/big/app:v1";
        registry.AddImage("big/app", "v1", image);
        var layerDigest = image.Layers[0].BlobDigest;
        var cut = 0;
        registry.BlobHook = async (context, digest, content, start) =>
        {
            if (digest != layerDigest || start is not null || Interlocked.Exchange(ref cut, 1) == 1) return false;
            context.Response.StatusCode = 200;
            context.Response.Headers["Accept-Ranges"] = "bytes";
            context.Response.ContentLength64 = content.Length;
            await context.Response.OutputStream.WriteAsync(content.AsMemory(0, 50 << 20));
            await context.Response.OutputStream.FlushAsync();
            context.Response.Abort();
            return true;
        };
        using var t = new TestRoot();
        RegistryCli.Run(t, "pull", name).Ok();
        Assert.Equal(image.Id, RegistryCli.ImageId(t, name));
        Assert.Contains(registry.Log, l => l.Contains(layerDigest) && l.Contains(" bytes=") && long.Parse(l.Split("bytes=")[1].Split('-')[0]) > 0);
        RegistryCli.AssertClean(t);
    }

    [Fact]
    public void A_pull_killed_mid_layer_resumes_from_the_partial_blob_on_the_next_pull()
    {
        using var registry = new StaticRegistry();
        var image = BigImage(5, 48);
        var name = $"{registry.Domain}/slow/app:v1";
        registry.AddImage("slow/app", "v1", image);
        var layerDigest = image.Layers[0].BlobDigest;
        long sent = 0;
        var slow = 1;
        registry.BlobHook = async (context, digest, content, start) =>
        {
            if (digest != layerDigest || Volatile.Read(ref slow) == 0) return false;
            context.Response.StatusCode = 200;
            context.Response.ContentLength64 = content.Length;
            for (var offset = 0; offset < content.Length && Volatile.Read(ref slow) == 1; offset += 256 << 10)
            {
                await context.Response.OutputStream.WriteAsync(content.AsMemory(offset, Math.Min(256 << 10, content.Length - offset)));
                await context.Response.OutputStream.FlushAsync();
                Interlocked.Add(ref sent, 256 << 10);
                await Task.Delay(50);
            }
            context.Response.Abort();
            return true;
        };
        using var t = new TestRoot();
        var psi = new ProcessStartInfo(RepoPaths.Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--root", t.StateRoot, "--runroot", t.RunRoot, "pull", name }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in RegistryCli.Env(t)) psi.Environment[k] = v;
        using (var first = Process.Start(psi)!)
        {
            first.OutputDataReceived += (_, _) => { };
            first.ErrorDataReceived += (_, _) => { };
            first.BeginOutputReadLine();
            first.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Interlocked.Read(ref sent) < (12 << 20) && DateTime.UtcNow < deadline && !first.HasExited)
                Thread.Sleep(50);
            Assert.False(first.HasExited, "the first pull ended before it could be killed");
            Thread.Sleep(300);
            first.Kill();
            first.WaitForExit();
        }
        Volatile.Write(ref slow, 0);
        var before = registry.Log.Count;

        RegistryCli.Run(t, "pull", name).Ok();
        Assert.Equal(image.Id, RegistryCli.ImageId(t, name));
        var resumed = registry.Log.Skip(before).Where(l => l.StartsWith("GET ", StringComparison.Ordinal) && l.Contains(layerDigest)).ToList();
        Assert.Contains(resumed, l => l.Contains(" bytes=") && long.Parse(l.Split("bytes=")[1].Split('-')[0]) > 0);
        RegistryCli.AssertClean(t);
    }
}
