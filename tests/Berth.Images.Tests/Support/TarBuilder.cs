using System.Formats.Tar;
using System.Text;

namespace Berth.Images.Tests.Support;

/// <summary>Builds a tar in memory for test inputs, in the order entries are added.</summary>
internal sealed class TarBuilder
{
    private readonly MemoryStream _output = new();
    private readonly TarWriter _writer;

    public TarBuilder() => _writer = new TarWriter(_output, TarEntryFormat.Pax, leaveOpen: true);

    public TarBuilder Directory(string name)
    {
        _writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name));
        return this;
    }

    public TarBuilder File(string name, byte[] content)
    {
        _writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        return this;
    }

    public TarBuilder File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    public TarBuilder Symlink(string name, string target)
    {
        _writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
        return this;
    }

    public byte[] Build()
    {
        _writer.Dispose();
        return _output.ToArray();
    }
}
