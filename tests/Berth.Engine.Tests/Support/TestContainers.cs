using Berth.Engine.Containers;
using Berth.Engine.Models;

namespace Berth.Engine.Tests.Support;

/// <summary>Container records with only what a row needs, for tests of the tables and of what reads them.</summary>
internal static class TestContainers
{
    public static ContainerRecord Record(string id, string name) => new()
    {
        Id = id,
        Name = name,
        Created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        ImageId = "sha256:" + new string('a', 64),
        Path = "sh",
        Args = [],
        Config = new DockerContainerConfig { Image = "busybox" },
        HostConfig = new HostConfig(),
        Mounts = [],
        Driver = "overlay",
    };
}
