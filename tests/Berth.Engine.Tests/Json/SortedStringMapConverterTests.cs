using System.Text.Json;
using Berth.Engine.Json;
using Berth.Engine.Models;

namespace Berth.Engine.Tests.Json;

public sealed class SortedStringMapConverterTests
{
    [Fact]
    public void Maps_are_written_in_byte_order_of_their_keys_and_read_back()
    {
        var network = new NetworkResource
        {
            Name = "n",
            Id = "1",
            Created = "",
            Driver = "bridge",
            IPAM = new NetworkIpam { Config = [] },
            Containers = new Dictionary<string, NetworkContainer>(),
            Options = new Dictionary<string, string> { ["z"] = "1", ["a.b"] = "2", ["B"] = "3" },
            Labels = new Dictionary<string, string>(),
        };

        var json = JsonSerializer.Serialize(network, EngineJsonContext.Default.NetworkResource);

        Assert.Contains("\"Options\":{\"B\":\"3\",\"a.b\":\"2\",\"z\":\"1\"}", json);
        var read = JsonSerializer.Deserialize(json, EngineJsonContext.Default.NetworkResource)!;
        Assert.Equal("2", read.Options["a.b"]);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json.Replace("\"z\":\"1\"", "\"z\":1"), EngineJsonContext.Default.NetworkResource));
    }
}
