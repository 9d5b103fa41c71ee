// Berth runs on Linux only, like Berth.Archive, whose APIs this project calls.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
