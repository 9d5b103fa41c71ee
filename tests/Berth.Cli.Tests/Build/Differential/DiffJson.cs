using System.Text.Json.Serialization;

namespace Berth.Cli.Tests.Build.Differential;

/// <summary>Source-generated JSON for the comparisons (no reflection, as everywhere in berth).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class DiffJson : JsonSerializerContext;
