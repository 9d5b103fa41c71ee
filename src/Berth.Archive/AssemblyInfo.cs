// Berth runs containers on Linux only; this also lets the analyzers accept Unix-only framework calls.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
