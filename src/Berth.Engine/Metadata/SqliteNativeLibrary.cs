using System.Reflection;
using System.Runtime.InteropServices;

namespace Berth.Engine.Metadata;

/// <summary>
/// Points SQLite's binding at the library published beside the executable. Looked up by its bare name, it is
/// first searched for in every library directory of the system (tens of failed opens in each berth process) before
/// the loader tries the file next to berth.
/// </summary>
internal static class SqliteNativeLibrary
{
    private const string ImportName = "e_sqlite3";
    private static int _registered;

    /// <summary>Call before the first connection opens; later calls do nothing.</summary>
    public static void PreferPublishedCopy()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        var published = Path.Combine(AppContext.BaseDirectory, "lib" + ImportName + ".so");
        // Tests and `dotnet run` keep it under runtimes/; the default lookup finds it there.
        if (!File.Exists(published)) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another resolver was set for the provider first; it decides.
        }

        IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
            name == ImportName && NativeLibrary.TryLoad(published, out var handle) ? handle : IntPtr.Zero;
    }
}
