using Berth.Engine.Tests.Support;

namespace Berth.Engine.Tests.Volumes;

/// <summary>An engine on its own temp root, with a way to record container rows that use volumes.</summary>
internal sealed class VolumeEngine : IDisposable
{
    private readonly TempDirectory _root = new("berth-volumes-");
    private readonly TempDirectory _runRoot = new("berth-volumes-run-");

    public VolumeEngine()
    {
        Engine = BerthEngine.Open(new EngineOptions { Root = _root.Path, RunRoot = _runRoot.Path });
    }

    public BerthEngine Engine { get; }

    public string VolumesDirectory => Path.Combine(_root.Path, "volumes");

    /// <summary>
    /// Inserts a container row (volume_users has a foreign key on it) and lets it use <paramref name="volume"/>
    /// (null: a new anonymous volume), as container create will.
    /// </summary>
    public Models.Volume AddContainerUsing(string containerId, string? volume) => Engine.Metadata.Write(t =>
    {
        using (var insert = Engine.Metadata.Command(t, """
            INSERT INTO containers (id, name, image_id, created, config, state) VALUES ($id, $id, 'sha256:0', '2024-01-01T00:00:00Z', '{}', '{}')
            ON CONFLICT DO NOTHING
            """, ("$id", containerId)))
        {
            insert.ExecuteNonQuery();
        }
        return Engine.Volumes.EnsureForContainer(t, volume, containerId);
    });

    public void RemoveContainer(string containerId) => Engine.Metadata.Write(t =>
    {
        Engine.Volumes.ReleaseContainer(t, containerId);
        using var delete = Engine.Metadata.Command(t, "DELETE FROM containers WHERE id = $id", ("$id", containerId));
        delete.ExecuteNonQuery();
    });

    /// <summary>The volume as the API serializes it: records holding dictionaries do not compare by value.</summary>
    public static string Json(Models.Volume volume) => System.Text.Json.JsonSerializer.Serialize(volume, Berth.Engine.Json.EngineJsonContext.Default.Volume);

    public void Dispose()
    {
        Engine.Dispose();
        _root.Dispose();
        _runRoot.Dispose();
    }
}
