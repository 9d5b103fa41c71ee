using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Berth.Linux;
using Berth.Networking.Dns;
using Berth.Networking.Ipam;

namespace Berth.Networking.Tests.Dns;

public sealed class EmbeddedDnsServerTests
{
    private sealed class Names : INameResolver
    {
        public IReadOnlyList<uint>? Resolve(string name) =>
            name.Equals("web", StringComparison.OrdinalIgnoreCase) ? [Ipv4Subnet.ParseAddress("10.40.0.2")] : null;
    }

    [Fact]
    public async Task KnownName_IsAnsweredInsideTheNamespace_UnknownIsServfailWithoutUpstreams()
    {
        // A private network namespace held by a sleeping process: the server binds 127.0.0.11 there, never on the host.
        using var holder = Process.Start("unshare", ["-n", "sleep", "30"]);
        try
        {
            var ns = $"/proc/{holder.Id}/ns/net";
            WaitForNamespace(ns);
            // A new namespace's loopback is down (runc brings it up for containers).
            using (var up = Process.Start("nsenter", [$"--net={ns}", "ip", "link", "set", "lo", "up"])) up.WaitForExit();
            await using var server = EmbeddedDnsServer.Start(ns, new Names(), []);
            var known = Ask(ns, "WEB", DnsQuestion.TypeA);
            Assert.Equal(DnsMessage.NoError, known[3] & 0xF);
            Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(known.AsSpan(6)));
            Assert.Equal("10.40.0.2", Ipv4Subnet.Format(BinaryPrimitives.ReadUInt32BigEndian(known.AsSpan(known.Length - 4))));

            var v6 = Ask(ns, "web", DnsQuestion.TypeAaaa);
            Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(v6.AsSpan(6)));

            var unknown = Ask(ns, "elsewhere.example", DnsQuestion.TypeA);
            Assert.Equal(DnsMessage.ServerFailure, unknown[3] & 0xF);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    [Fact]
    public async Task OverTcp_KnownNamesAreAnsweredOnOneConnection_AndOthersAreRelayedOverTcp()
    {
        // The upstream: a TCP DNS server on the host's loopback that answers every query with its ID and one marker byte.
        using var upstream = new TcpListener(IPAddress.Loopback, 0);
        upstream.Start();
        var relayed = Task.Run(async () =>
        {
            using var peer = await upstream.AcceptTcpClientAsync();
            await using var stream = peer.GetStream();
            var query = await EmbeddedDnsServer.ReadMessageAsync(stream, CancellationToken.None, null);
            await EmbeddedDnsServer.WriteMessageAsync(stream, [query![0], query[1], 0x81, 0x80, 0xEE], CancellationToken.None);
        });
        using var holder = Process.Start("unshare", ["-n", "sleep", "30"]);
        try
        {
            var ns = $"/proc/{holder.Id}/ns/net";
            WaitForNamespace(ns);
            using (var up = Process.Start("nsenter", [$"--net={ns}", "ip", "link", "set", "lo", "up"])) up.WaitForExit();
            await using var server = EmbeddedDnsServer.Start(ns, new Names(), [(IPEndPoint)upstream.LocalEndpoint]);
            using var client = NetworkNamespace.RunIn(ns, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            await client.ConnectAsync(IPAddress.Parse(EmbeddedDnsServer.Address), 53);
            await using var stream = new NetworkStream(client);
            for (var i = 0; i < 2; i++)
            {
                await EmbeddedDnsServer.WriteMessageAsync(stream, Query("web", DnsQuestion.TypeA), CancellationToken.None);
                var known = await EmbeddedDnsServer.ReadMessageAsync(stream, CancellationToken.None, null);
                Assert.Equal("10.40.0.2", Ipv4Subnet.Format(BinaryPrimitives.ReadUInt32BigEndian(known.AsSpan(known!.Length - 4))));
            }
            await EmbeddedDnsServer.WriteMessageAsync(stream, Query("elsewhere.example", DnsQuestion.TypeA), CancellationToken.None);
            var reply = await EmbeddedDnsServer.ReadMessageAsync(stream, CancellationToken.None, null);
            Assert.Equal([0x12, 0x34, 0x81, 0x80, 0xEE], reply);
            await relayed.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    [Fact]
    public void ReadQuestion_RejectsTruncatedAndResponses()
    {
        var query = Query("a.b", DnsQuestion.TypeA);
        Assert.Equal("a.b", DnsMessage.ReadQuestion(query, out _)?.Name);
        Assert.Null(DnsMessage.ReadQuestion(query.AsSpan(0, query.Length - 1), out _));
        query[2] |= 0x80;
        Assert.Null(DnsMessage.ReadQuestion(query, out _));
    }

    private static void WaitForNamespace(string ns)
    {
        var clock = Stopwatch.StartNew();
        // unshare replaces itself with sleep once the namespace exists; until then the link names the host's.
        while (File.ResolveLinkTarget(ns, false)?.Name == File.ResolveLinkTarget("/proc/self/ns/net", false)?.Name)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(5)) throw new TimeoutException("unshare did not create a namespace");
            Thread.Sleep(10);
        }
    }

    private static byte[] Ask(string ns, string name, ushort type)
    {
        using var socket = NetworkNamespace.RunIn(ns, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
            s.Connect(IPAddress.Parse(EmbeddedDnsServer.Address), 53);
            return s;
        });
        socket.Send(Query(name, type));
        var buffer = new byte[512];
        var n = socket.Receive(buffer);
        return buffer[..n];
    }

    private static byte[] Query(string name, ushort type)
    {
        var bytes = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }
        bytes.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        return [.. bytes];
    }
}
