namespace Berth.Engine.Containers;

/// <summary>Docker's container states; the lower-case names are what inspect and ps filters use.</summary>
internal enum ContainerStatus
{
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
}
