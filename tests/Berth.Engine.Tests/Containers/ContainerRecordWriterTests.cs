using System.Collections;
using System.Reflection;
using System.Text.Json;
using Berth.Engine.Containers;
using Berth.Engine.Models;
using Berth.Engine.Tests.Support;
using Berth.Oci;

namespace Berth.Engine.Tests.Containers;

/// <summary>
/// The hand-written record writer against the serializer, which reads the rows back: rows written before and after
/// the change must be the same bytes. The full record has every settable member of every type in it set, by
/// reflection, so a member the writer misses (or one added to a model later) fails here.
/// </summary>
public sealed class ContainerRecordWriterTests
{
    private static readonly string Id = new('c', 64);

    [Fact]
    public void ARecordWithEveryMemberSet_IsWrittenAsTheSerializerWritesIt()
    {
        var counter = 0;
        var record = (ContainerRecord)Populated(typeof(ContainerRecord), ref counter) with { Id = Id };

        var written = ContainerRecordWriter.Write(record);

        Assert.Equal(JsonSerializer.Serialize(record, ContainerJsonContext.Default.ContainerRecord), written);
        Assert.True(counter > 150, $"only {counter} values were set");
        // Every member is in it: no null was left out.
        Assert.DoesNotContain("null", written, StringComparison.Ordinal);
        var read = JsonSerializer.Deserialize(written, ContainerJsonContext.Default.ContainerRecord)!;
        Assert.Equal(written, ContainerRecordWriter.Write(read));
    }

    [Fact]
    public void ARecordOfDefaults_IsWrittenAsTheSerializerWritesIt()
    {
        var record = TestContainers.Record(Id, "web");

        Assert.Equal(JsonSerializer.Serialize(record, ContainerJsonContext.Default.ContainerRecord), ContainerRecordWriter.Write(record));
    }

    [Fact]
    public void EmptyCollections_AreWrittenAsTheSerializerWritesThem()
    {
        var record = TestContainers.Record(Id, "web") with
        {
            Config = new DockerContainerConfig { ExposedPorts = new Dictionary<string, EmptyObject>(), Labels = new Dictionary<string, string>(), Healthcheck = new HealthConfig() },
            HostConfig = new HostConfig { PortBindings = new Dictionary<string, IReadOnlyList<PortBinding>> { ["80/tcp"] = [] }, Ulimits = [], Mounts = [] },
            Networks = new Dictionary<string, EndpointSettings>(),
        };

        Assert.Equal(JsonSerializer.Serialize(record, ContainerJsonContext.Default.ContainerRecord), ContainerRecordWriter.Write(record));
    }

    // A value for every settable member (nullable ones too), strings with characters JSON escapes.
    private static object Populated(Type type, ref int counter)
    {
        counter++;
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Populated(underlying, ref counter);
        if (type == typeof(string)) return $"value{counter} \"quoted\" \\ é✓😀 <&'+\n\t\u0001";
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return counter;
        if (type == typeof(long)) return counter * 1_000_000_007L;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 28, 5, 6, 7, 890, TimeSpan.FromHours(5.5)).AddTicks(counter);
        if (type == typeof(EmptyObject)) return EmptyObject.Instance;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Populated(element, ref counter));
            list.Add(Populated(element, ref counter));
            return list;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var (key, value) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value))!;
            map.Add(Populated(key, ref counter), Populated(value, ref counter));
            map.Add(Populated(key, ref counter), Populated(value, ref counter));
            return map;
        }
        Assert.True(type.IsClass && type.Namespace?.StartsWith("Berth.", StringComparison.Ordinal) == true, $"no value for {type}");
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = new List<object>();
        foreach (var parameter in constructor.GetParameters()) arguments.Add(Populated(parameter.ParameterType, ref counter));
        var instance = constructor.Invoke([.. arguments]);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.CanWrite && property.GetIndexParameters().Length == 0)
                property.SetValue(instance, Populated(property.PropertyType, ref counter));
        return instance;
    }
}
