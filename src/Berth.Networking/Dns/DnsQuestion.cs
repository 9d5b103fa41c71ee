namespace Berth.Networking.Dns;

/// <summary>The question of a DNS query (RFC 1035 §4.1.2): the name without its final dot, type and class.</summary>
public readonly record struct DnsQuestion(string Name, ushort Type, ushort Class)
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;
    public const ushort ClassIn = 1;
}
