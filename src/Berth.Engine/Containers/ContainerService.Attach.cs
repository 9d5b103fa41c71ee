using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Attach;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// <c>berth attach</c>: connects to a running container's monitor. The request's terminal mode is the
    /// container's, and stdin is attached only when asked for and the container keeps one open (OpenStdin), as
    /// docker does. A container that is not running is refused with docker's words.
    /// </summary>
    public async Task<AttachClient> AttachAsync(string input, AttachRequest request, CancellationToken ct)
    {
        var container = Get(input);
        switch (container.State.Status)
        {
            case ContainerStatus.Paused:
                throw BerthException.Conflict("You cannot attach to a paused container, unpause it first");
            case ContainerStatus.Restarting:
                throw BerthException.Conflict("You cannot attach to a restarting container, wait until it is running");
            case not ContainerStatus.Running:
                throw BerthException.Conflict("You cannot attach to a stopped container, start it first");
        }
        var config = container.Record.Config;
        using var socket = UnixSocketPath.For(PathsOf(container.Id).AttachSocket);
        return await AttachClient.ConnectAsync(socket.Path, request with
        {
            Tty = config.Tty,
            Stdin = request.Stdin && config.OpenStdin,
        }, ct).ConfigureAwait(false);
    }
}
