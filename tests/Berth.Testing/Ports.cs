using System.Net;
using System.Net.Sockets;

namespace Berth.Testing;

public static class Ports
{
    /// <summary>
    /// A loopback port free right now, chosen below the kernel's ephemeral range: the ports outgoing connections
    /// get come from that range, so one found free there can be taken by a connection of a parallel test before
    /// the caller binds it. Callers still retry a bind that loses the race to another test.
    /// </summary>
    public static int Free()
    {
        var ephemeralStart = EphemeralRangeStart();
        if (ephemeralStart > 12000)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(10000, ephemeralStart);
                if (IsFree(port)) return port;
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && int.TryParse(fields[0], out var start) ? start : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
