using Berth.Engine.Metadata;
using Berth.Engine.Models;
using Berth.Linux;
using Berth.Oci;

namespace Berth.Engine.Volumes;

public sealed partial class VolumeService
{
    /// <summary>
    /// <c>berth volume create</c>. Creating a name that exists returns that volume unchanged (docker is
    /// idempotent) unless the driver differs. Without a name the volume is anonymous: 64 random hex digits and
    /// docker's <c>com.docker.volume.anonymous</c> label, so <c>prune</c> takes it by default. The data
    /// directory is made under a temporary name and renamed into place inside the transaction that inserts the
    /// row, so a failure leaves neither.
    /// </summary>
    public Task<Volume> CreateAsync(VolumeCreateOptions options, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var anonymous = options.Name is null;
        var name = options.Name ?? VolumeNames.Anonymous();
        var labels = VolumeTable.Sorted(options.Labels);
        if (anonymous) labels = VolumeTable.Sorted(labels.Append(new(VolumeNames.AnonymousLabel, "")));
        string? placed = null;
        try
        {
            var record = _metadata.Write(t => CreateIn(t, name, options.Driver, VolumeTable.Sorted(options.DriverOpts), labels, anonymous, out placed));
            return Task.FromResult(ToModel(record));
        }
        catch when (placed is not null)
        {
            // The commit failed after the directory was renamed into place: take it away again.
            VolumeTree.Delete(placed);
            throw;
        }
    }

    /// <summary>
    /// Finds or creates the volume inside the caller's transaction. <paramref name="placed"/> is the directory
    /// this call put in place (null when the volume existed), for the caller to remove if its commit fails.
    /// </summary>
    private VolumeRecord CreateIn(MetadataTransaction t, string name, string driver, IReadOnlyDictionary<string, string> options,
        IReadOnlyDictionary<string, string> labels, bool anonymous, out string? placed)
    {
        placed = null;
        if (driver != LocalDriverOptions.DriverName)
            throw BerthException.NotFound($"create {name}: error looking up volume plugin {driver}: plugin \"{driver}\" not found");
        if (_volumes.Get(t, name) is { } existing)
        {
            if (existing.Driver != driver)
                throw BerthException.Conflict($"create {name}: driver '{existing.Driver}' already has volume '{name}': volume name must be unique");
            return existing;
        }
        VolumeNames.Validate(name);
        LocalDriverOptions.Validate(name, options);
        var record = new VolumeRecord(name, driver, _time.GetUtcNow(), labels, options, anonymous);
        _volumes.Insert(t, record);
        placed = PlaceDirectory(name);
        return record;
    }

    /// <summary>
    /// Makes <c>volumes/NAME/_data</c> atomically: built under a temporary name (never a valid volume name,
    /// it starts with a dot) and renamed. A directory already there without a row (left by a crash or a
    /// rolled-back transaction) is adopted with its data, as docker's local driver adopts what it finds.
    /// </summary>
    private string? PlaceDirectory(string name)
    {
        var final = DirectoryOf(name);
        if (FileStatus.TryLstat(final, out var status, out _))
        {
            if (status.Type != UnixFileType.Directory)
                throw new BerthException(ErrorKind.Internal, $"create {name}: {final} exists and is not a directory");
            Directory.CreateDirectory(Path.Combine(final, DataDirectory));
            return null;
        }
        var temp = Path.Combine(_layout.VolumesDirectory, ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(temp, DataDirectory));
            Directory.Move(temp, final);
        }
        catch
        {
            VolumeTree.Delete(temp);
            throw;
        }
        return final;
    }
}
