using System.Formats.Tar;
using System.Text.Json;
using Berth.Oci;
using Berth.Oci.Json;

namespace Berth.Images.Tests.Support;

/// <summary>A seeded generator of layers and images, so every test input is built in the test and reproducible.</summary>
internal sealed class RandomImages(int seed)
{
    private readonly Random _random = new(seed);

    public TestLayer Layer(LayerCompression compression = LayerCompression.None, int files = 3)
    {
        var tar = new MemoryStream();
        var names = new List<string>();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var dir = $"d{_random.Next(1000)}/";
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, dir) { ModificationTime = DateTimeOffset.UnixEpoch, Mode = (UnixFileMode)0x1ED });
            for (var i = 0; i < files; i++)
            {
                var content = new byte[_random.Next(0, 40_000)];
                _random.NextBytes(content);
                var name = $"{dir}f{i}-{_random.Next(100_000)}.bin";
                names.Add(name);
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Mode = (UnixFileMode)0x1A4,
                    DataStream = new MemoryStream(content),
                });
            }
        }
        var bytes = tar.ToArray();
        return new TestLayer(bytes, Digest.Compute(bytes), compression, Compress(bytes, compression), names);
    }

    public static byte[] Compress(byte[] tar, LayerCompression compression)
    {
        if (compression == LayerCompression.None) return tar;
        var output = new MemoryStream();
        using (var compressing = Archive.Compression.OpenCompressing(output, compression, leaveOpen: true))
            compressing.Write(tar);
        return output.ToArray();
    }

    public TestImage Image(int layerCount, LayerCompression compression = LayerCompression.None, string[]? tags = null, IReadOnlyList<TestLayer>? shared = null)
    {
        var layers = new List<TestLayer>(shared ?? []);
        while (layers.Count < layerCount) layers.Add(Layer(compression));
        return WithLayers(layers, tags ?? [$"img{_random.Next(10_000)}:latest"]);
    }

    public TestImage WithLayers(IReadOnlyList<TestLayer> layers, string[] tags, IReadOnlyList<Digest>? diffIds = null)
    {
        var config = new ImageConfig
        {
            Created = DateTimeOffset.UnixEpoch.AddSeconds(_random.Next()),
            Architecture = Platform.Host.Architecture,
            Os = "linux",
            Config = new ContainerConfig { Cmd = ["/bin/sh"], Env = [$"SEED={_random.Next()}"] },
            RootFs = new RootFs { DiffIds = diffIds ?? [.. layers.Select(l => l.DiffId)] },
        };
        return new TestImage(layers, JsonSerializer.SerializeToUtf8Bytes(config, OciJsonContext.Default.ImageConfig), tags);
    }
}
