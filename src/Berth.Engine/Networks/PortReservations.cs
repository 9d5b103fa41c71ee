using System.Net;
using System.Net.Sockets;
using Berth.Engine.Containers;
using Berth.Networking.Ports;
using Berth.Oci;

namespace Berth.Engine.Networks;

/// <summary>
/// Host ports held by a container's monitor while the container runs: a listening TCP socket or a bound UDP
/// socket per published port. Packets never reach them (DNAT happens first), but holding them makes another
/// program's bind fail instead of silently losing its traffic, and an ephemeral port is the kernel's pick.
/// </summary>
internal sealed class PortReservations : IDisposable
{
    private readonly List<Socket> _sockets;

    private PortReservations(List<Socket> sockets, IReadOnlyList<PortMapping> ports)
    {
        _sockets = sockets;
        Ports = ports;
    }

    /// <summary>The ports with the host port actually reserved (ephemeral ones filled in).</summary>
    public IReadOnlyList<PortMapping> Ports { get; }

    public static PortReservations Reserve(IReadOnlyList<PortMapping> requests, ContainerRecord record)
    {
        var sockets = new List<Socket>();
        var ports = new List<PortMapping>();
        try
        {
            foreach (var request in requests)
            {
                var udp = request.Protocol == "udp";
                var socket = new Socket(AddressFamily.InterNetwork, udp ? SocketType.Dgram : SocketType.Stream, udp ? ProtocolType.Udp : ProtocolType.Tcp);
                sockets.Add(socket);
                var address = request.HostIp.Length > 0 ? IPAddress.Parse(request.HostIp) : IPAddress.Any;
                try
                {
                    socket.Bind(new IPEndPoint(address, request.HostPort));
                    if (!udp) socket.Listen(1);
                }
                catch (SocketException e)
                {
                    var shown = $"{request.Protocol}4 {address}:{request.HostPort}";
                    throw BerthException.Conflict(
                        $"driver failed programming external connectivity on endpoint {record.Name} ({record.ShortId}): Error starting userland proxy: listen {shown}: bind: {e.Message.ToLowerInvariant()}");
                }
                ports.Add(request with { HostPort = ((IPEndPoint)socket.LocalEndPoint!).Port });
            }
        }
        catch
        {
            foreach (var socket in sockets) socket.Dispose();
            throw;
        }
        return new PortReservations(sockets, ports);
    }

    public void Dispose()
    {
        foreach (var socket in _sockets) socket.Dispose();
    }
}
