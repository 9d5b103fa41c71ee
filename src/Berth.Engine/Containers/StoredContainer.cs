namespace Berth.Engine.Containers;

/// <summary>
/// A container row: its record and its state as read in one transaction. The record is parsed from the row's
/// JSON when first asked for: that parse is most of what reading a row costs in a fresh process, and a command
/// that needs only the state, or a few fields (<see cref="ExecRecordFields"/>), does without it.
/// </summary>
internal sealed record StoredContainer
{
    private readonly Lazy<ContainerRecord> _record;

    public StoredContainer(string id, string name, string recordJson, Func<string, ContainerRecord> parse, ContainerState state)
    {
        Id = id;
        Name = name;
        RecordJson = recordJson;
        State = state;
        _record = new Lazy<ContainerRecord>(() => parse(recordJson));
    }

    public string Id { get; }
    public string Name { get; }

    /// <summary>The record as stored.</summary>
    public string RecordJson { get; }

    public ContainerRecord Record => _record.Value;
    public ContainerState State { get; init; }

    /// <summary>This row with <paramref name="record"/> for its record, as written back in the same transaction.</summary>
    public StoredContainer WithRecord(ContainerRecord record) => new(record.Id, record.Name, ContainerTable.Serialize(record), _ => record, State);
}
