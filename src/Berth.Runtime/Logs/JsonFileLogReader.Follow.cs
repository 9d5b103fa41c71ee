using Berth.Linux;

namespace Berth.Runtime.Logs;

public static partial class JsonFileLogReader
{
    /// <summary>
    /// The open live log file and the inode it had when opened: when the path names another inode the writer has
    /// rotated (renamed ours to path.1 and created a new one), and when the file got shorter it was truncated
    /// (max-file 1).
    /// </summary>
    private sealed class LiveFile
    {
        private LiveFile(FileStream stream, ulong inode)
        {
            Stream = stream;
            Inode = inode;
        }

        public FileStream Stream { get; private set; }

        public ulong Inode { get; private set; }

        public LineSplitter Splitter { get; } = new();

        public static LiveFile? Open(string path)
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                if (!FileStatus.TryLstat(path, out var before, out _))
                    return null;
                FileStream stream;
                try
                {
                    stream = OpenRead(path);
                }
                catch (FileNotFoundException)
                {
                    continue;
                }
                if (FileStatus.TryLstat(path, out var after, out _) && after.Inode == before.Inode)
                    return new LiveFile(stream, after.Inode);
                stream.Dispose();
            }
            return null;
        }

        /// <summary>What happened to the file under the path since it was opened; a truncation is handled here.</summary>
        public LiveChange Check(string path)
        {
            if (FileStatus.TryLstat(path, out var status, out _) && status.Inode != Inode)
                return LiveChange.Rotated;
            if (Stream.Length >= Stream.Position)
                return LiveChange.None;
            Stream.Position = 0;
            Splitter.Reset();
            return LiveChange.Truncated;
        }

        /// <summary>Moves to the file now at the path; false when it cannot be opened yet.</summary>
        public bool SwitchTo(string path)
        {
            var next = Open(path);
            if (next is null)
                return false;
            Stream.Dispose();
            Stream = next.Stream;
            Inode = next.Inode;
            Splitter.Reset();
            return true;
        }
    }

    private enum LiveChange
    {
        None,
        Rotated,
        Truncated,
    }
}
