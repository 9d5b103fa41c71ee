using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Cli.Tests.Support;

/// <summary>
/// Seeded random images: layers of random files (plain, gzip or zstd), a config naming their diffIDs. Write them
/// with <see cref="WriteDockerArchive"/>, <see cref="WriteDocker25Archive"/> or <see cref="WriteOciArchive"/>.
/// </summary>
public sealed partial class ImageArchiveBuilder(int seed)
{
    private readonly List<BuiltLayer> _layers = [];
    private readonly JsonObject _config = new();

    public Random Rng { get; } = new(seed);

    public ImageArchiveBuilder Layer(LayerBuilder layer, LayerCompression compression = LayerCompression.None)
    {
        var tar = layer.ToTar();
        _layers.Add(new BuiltLayer(layer, tar, LayerBuilder.Compress(tar, compression), compression));
        return this;
    }

    /// <summary>A layer of <paramref name="files"/> random files under <paramref name="dir"/>.</summary>
    public ImageArchiveBuilder RandomLayer(string dir, int files = 3, LayerCompression compression = LayerCompression.None)
    {
        var layer = new LayerBuilder().Dir(dir);
        for (var i = 0; i < files; i++)
            layer.File($"{dir}/f{i}-{Rng.Next(1000)}.bin", RandomBytes(Rng.Next(1, 64 * 1024)));
        return Layer(layer, compression);
    }

    public ImageArchiveBuilder Configure(Action<JsonObject> edit)
    {
        edit(_config);
        return this;
    }

    public byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        Rng.NextBytes(b);
        return b;
    }

    public BuiltImage Build()
    {
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["created"] = "2024-01-02T03:04:05Z",
            ["config"] = JsonNode.Parse(_config.ToJsonString()),
            ["rootfs"] = new JsonObject
            {
                ["type"] = "layers",
                ["diff_ids"] = new JsonArray(_layers.Select(l => (JsonNode)l.DiffId).ToArray()),
            },
            ["history"] = new JsonArray(_layers.Select((_, i) => (JsonNode)new JsonObject
            {
                ["created"] = "2024-01-02T03:04:05Z",
                ["created_by"] = $"layer {i}",
            }).ToArray()),
        };
        return new BuiltImage(_layers.ToList(), Encoding.UTF8.GetBytes(config.ToJsonString()));
    }

    /// <summary>
    /// Three layers over busybox: the second deletes a file of the first (<c>.wh.</c>) and makes a directory
    /// opaque; the third adds a setuid file, owners, a symlink and a hardlink. Different seeds, different IDs.
    /// </summary>
    public static BuiltImage Standard(int seed,
        LayerCompression first = LayerCompression.None,
        LayerCompression second = LayerCompression.Gzip,
        LayerCompression third = LayerCompression.Zstd)
    {
        var b = new ImageArchiveBuilder(seed);
        var seedText = $"seed {seed}\n";
        b.Layer(BusyboxRootfs.Layer()
            .File("data/keep.txt", seedText)
            .File("data/gone.txt", "deleted by layer 2\n")
            .File("opq/old.txt", "hidden by the opaque dir\n")
            .File("opq/sub/deep.txt", "hidden too\n")
            .File("data/random.bin", b.RandomBytes(b.Rng.Next(1000, 100_000))), first);
        b.Layer(new LayerBuilder()
            .Whiteout("data/gone.txt")
            .Opaque("opq")
            .File("opq/new.txt", "only this in opq\n")
            .File("data/second.bin", b.RandomBytes(b.Rng.Next(1000, 50_000))), second);
        b.Layer(new LayerBuilder()
            .Dir("home/user", 0x1C0, 1000, 1000)
            .File("home/user/owned.txt", Encoding.UTF8.GetBytes(seedText), 0x180 /* 0600 */, 1000, 1000)
            .File("app/run", "#!/bin/sh\necho run\n", 0x9ED)
            .Hardlink("app/run-again", "app/run")
            .Symlink("app/data", "/data/keep.txt")
            .File("app/random.bin", b.RandomBytes(b.Rng.Next(1, 4096))), third);
        b.Configure(c =>
        {
            c["Cmd"] = new JsonArray("/bin/sh");
            c["Env"] = new JsonArray("PATH=/bin", $"SEED={seed}");
        });
        return b.Build();
    }
}
