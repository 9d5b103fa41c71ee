using System.Text;
using System.Text.Json;

namespace Berth.Snapshots.Tests;

/// <summary>info.json by hand against the serializer that wrote it before: the same bytes out, the same records in.</summary>
public sealed class SnapshotRecordJsonTests
{
    private static readonly DateTimeOffset[] Times =
    [
        new(2026, 11, 28, 8, 5, 42, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 28, 8, 5, 42, TimeSpan.FromHours(-5)).AddTicks(1234567),
        new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.FromMinutes(330)).AddTicks(1),
        default,
    ];

    private static List<SnapshotRecord> Records()
    {
        var data = new List<SnapshotRecord>();
        var n = 0;
        foreach (var kind in new[] { SnapshotKind.Active, SnapshotKind.Committed, SnapshotKind.View, (SnapshotKind)7 })
        {
            foreach (var time in Times)
            {
                n++;
                data.Add(new SnapshotRecord($"sha256:{n:x64}", n % 2 == 0 ? null : "build-<&>\"é😀\\/\n", kind, time,
                    n % 3 == 0 ? null : new Dictionary<string, string> { ["a"] = "1", ["<k>"] = "ü\u0001", ["empty"] = "" }));
            }
        }
        return data;
    }

    public static TheoryData<int> RecordNumbers => new(Enumerable.Range(0, Records().Count));

    [Theory]
    [MemberData(nameof(RecordNumbers))]
    public void Write_GivesTheSerializersBytes_AndReadGivesTheRecordBack(int number)
    {
        var record = Records()[number];
        var expected = JsonSerializer.SerializeToUtf8Bytes(record, SnapshotJsonContext.Default.SnapshotRecord);
        var written = SnapshotRecordJson.Write(record);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(written));

        var read = SnapshotRecordJson.Read(written);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(read, SnapshotJsonContext.Default.SnapshotRecord)));
    }

    public static TheoryData<string> Documents => new()
    {
        """{"key":"k","kind":"committed","created":"2026-11-28T08:05:42Z"}""",
        """{"kind":2,"key":"k","created":"2026-11-28T08:05:42.1+01:00","extra":{"a":[1,null]},"labels":null}""",
        """{"key":"k","key":"second","parent":null,"kind":"VIEW","created":"2026-11-28T08:05:42.1234567-05:00","labels":{"x":null,"x":"y"}}""",
        """{"key":"k","kind":5,"created":"2026-11-28"}""",
        """{}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Read_AcceptsWhatTheSerializerAccepts(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var expected = JsonSerializer.Deserialize(bytes, SnapshotJsonContext.Default.SnapshotRecord)!;
        var read = SnapshotRecordJson.Read(bytes);
        Assert.Equal(expected with { Labels = null }, read with { Labels = null });
        Assert.Equal(expected.Labels?.ToList(), read.Labels?.ToList());
    }

    public static TheoryData<string> Malformed => new()
    {
        "{",
        "",
        "[]",
        """{"key":1}""",
        """{"key":"k","kind":"Frozen"}""",
        """{"key":"k","kind":true}""",
        """{"key":"k","created":"yesterday"}""",
        """{"key":"k","labels":["a"]}""",
        """{"key":"k","labels":{"a":1}}""",
        """{"key":"k"} {}""",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_RejectsWhatTheSerializerRejects(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bytes, SnapshotJsonContext.Default.SnapshotRecord));
        Assert.ThrowsAny<JsonException>(() => SnapshotRecordJson.Read(bytes));
    }
}
