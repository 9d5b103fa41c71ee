using System.Formats.Tar;
using System.Text;

namespace Berth.Cli.Tests.Support;

/// <summary>An in-memory image archive: named files, each written once, in insertion order.</summary>
public sealed class ArchiveTar
{
    private readonly List<(string Name, byte[] Data)> _files = [];

    public ArchiveTar Add(string name, byte[] data)
    {
        if (!_files.Any(f => f.Name == name))
            _files.Add((name, data));
        return this;
    }

    public ArchiveTar Add(string name, string text) => Add(name, Encoding.UTF8.GetBytes(text));

    public byte[] ToBytes()
    {
        var ms = new MemoryStream();
        using (var w = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data) in _files)
            {
                w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    Mode = (UnixFileMode)0x1A4,
                    ModificationTime = LayerBuilder.Epoch,
                    DataStream = new MemoryStream(data),
                });
            }
        }
        return ms.ToArray();
    }

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, ToBytes());
        return path;
    }
}
