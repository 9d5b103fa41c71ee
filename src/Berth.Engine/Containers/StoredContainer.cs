namespace Berth.Engine.Containers;

/// <summary>A container row: its record and its state as read in one transaction.</summary>
internal sealed record StoredContainer(ContainerRecord Record, ContainerState State)
{
    public string Id => Record.Id;
    public string Name => Record.Name;
}
