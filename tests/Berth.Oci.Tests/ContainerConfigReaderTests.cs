using System.Text;
using System.Text.Json;
using Berth.Oci.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Berth.Oci.Tests;

/// <summary>
/// The hand-written reader of an image config's <c>config</c> against the serializer it stands in for: the same
/// result for every document the serializer reads, and an error wherever the serializer gives one for that object.
/// </summary>
public sealed class ContainerConfigReaderTests
{
    public static TheoryData<string> Documents => new()
    {
        """{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""",
        """{"config":null,"os":"linux"}""",
        """{"config":{}}""",
        // docker's own shape, with history and the container fields it keeps beside the config
        """
        {"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"app:app","AttachStdin":false,
         "ExposedPorts":{"80/tcp":{},"443/tcp":{}},"Tty":false,"Env":["PATH=/usr/local/sbin:/usr/bin","LANG=C.UTF-8"],
         "Cmd":["python3","-m","http.server"],"Image":"sha256:abc","Volumes":{"/data":{}},"WorkingDir":"/srv",
         "Entrypoint":["/entry.sh"],"OnBuild":null,"Labels":{"maintainer":"me","empty":""},"StopSignal":"SIGINT",
         "ArgsEscaped":true,"Shell":["/bin/bash","-c"],
         "Healthcheck":{"Test":["CMD-SHELL","curl -f http://localhost/"],"Interval":30000000000,"Timeout":5000000000,
           "StartPeriod":1000000000,"StartInterval":2000000000,"Retries":3}},
         "container":"f00","created":"2024-01-02T03:04:05.123456789Z","docker_version":"24.0.0",
         "history":[{"created":"2024-01-01T00:00:00Z","created_by":"/bin/sh -c #(nop) ADD file","empty_layer":false}],
         "os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"]}}
        """,
        // nulls where the types allow them, inside lists and maps too
        """{"config":{"User":null,"Env":[null,"A=1"],"Cmd":null,"Labels":{"a":null},"ExposedPorts":{"1/udp":null},"ArgsEscaped":null,"Healthcheck":{"Test":null,"Retries":null}}}""",
        // the last of duplicate names wins, in the document, the config and its maps
        """{"config":{"User":"a"},"config":{"User":"b","User":"c","Labels":{"k":"1","k":"2"},"Env":["X"],"Env":["Y","Z"]}}""",
        // unknown members at every level are skipped, however deep
        """{"x":{"y":[1,{"z":null}]},"config":{"Unknown":[{"a":[1,2,{}]}],"Healthcheck":{"Extra":{"a":1},"Retries":0},"Volumes":{"/v":{"ignored":[1,2]}}}}""",
        // escapes in names and values
        """{"\u0063onfig":{"Env":["K=\u00e9\ud83d\ude00\n\"q\""],"Labels":{"\u00fc":"<&>"},"WorkingDir":"\/w"}}""",
        // names are matched exactly, as the serializer does without case-insensitive matching
        """{"Config":{"User":"ignored"},"config":{"user":"ignored","USER":"ignored","User":"kept"}}""",
        """{"config":{"Healthcheck":{"Interval":9223372036854775807,"Retries":-2147483648}}}""",
        "  \n{\"config\":{\"Cmd\":[]}}\n  ",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Read_GivesWhatTheSerializerGives(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var expected = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageConfig)!.Config;
        Assert.Equal(Canonical(expected), Canonical(ContainerConfigReader.Read(bytes)));
    }

    public static TheoryData<string> Malformed => new()
    {
        """{"config":{"Env":"A=1"}}""",
        """{"config":{"Env":[1]}}""",
        """{"config":{"Cmd":{"a":"b"}}}""",
        """{"config":{"Labels":{"a":1}}}""",
        """{"config":{"Labels":["a"]}}""",
        """{"config":{"ExposedPorts":{"80/tcp":"yes"}}}""",
        """{"config":{"ExposedPorts":["80/tcp"]}}""",
        """{"config":{"ArgsEscaped":"true"}}""",
        """{"config":{"User":5}}""",
        """{"config":{"Healthcheck":{"Retries":1.5}}}""",
        """{"config":{"Healthcheck":{"Retries":2147483648}}}""",
        """{"config":{"Healthcheck":{"Interval":"30s"}}}""",
        """{"config":{"Healthcheck":[]}}""",
        """{"config":"none"}""",
        """{"config":[]}""",
        """{"config":{"User":"a"}""",
        """{"config":{"User":"a"}} x""",
        """{"config":{"User":"a",}}""",
        """[]""",
        "",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_RejectsWhatTheSerializerRejects(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageConfig));
        Assert.ThrowsAny<JsonException>(() => ContainerConfigReader.Read(bytes));
    }

    [Property(MaxTest = 300)]
    public Property Read_OfAnyWrittenConfig_GivesItBack()
    {
        var text = Gen.Elements("", "a", "A=1", "/bin/sh", "é😀", "\"q\"\n", "<&>", "\\", "\0");
        var strings = Gen.OneOf(Gen.Constant<List<string>?>(null), Gen.ListOf(text).Select(l => (List<string>?)l.ToList()));
        var set = Gen.OneOf(Gen.Constant<Dictionary<string, EmptyObject>?>(null),
            Gen.ListOf(text).Select(keys => (Dictionary<string, EmptyObject>?)keys.Distinct().ToDictionary(k => k, _ => new EmptyObject())));
        var map = Gen.OneOf(Gen.Constant<Dictionary<string, string>?>(null),
            Gen.ListOf(Gen.Zip(text, text)).Select(pairs => (Dictionary<string, string>?)pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2)));
        var optional = Gen.OneOf(Gen.Constant<string?>(null), text.Select(t => (string?)t));
        var health = Gen.OneOf(Gen.Constant<HealthConfig?>(null),
            from test in strings
            from interval in ArbMap.Default.GeneratorFor<long?>()
            from retries in ArbMap.Default.GeneratorFor<int?>()
            select (HealthConfig?)new HealthConfig { Test = test, Interval = interval, Timeout = interval, Retries = retries });
        var config =
            from user in optional
            from workingDir in optional
            from env in strings
            from cmd in strings
            from ports in set
            from labels in map
            from healthcheck in health
            from argsEscaped in ArbMap.Default.GeneratorFor<bool?>()
            select new ContainerConfig
            {
                User = user,
                WorkingDir = workingDir,
                Env = env,
                Cmd = cmd,
                Entrypoint = env,
                ExposedPorts = ports,
                Volumes = ports,
                Labels = labels,
                Healthcheck = healthcheck,
                ArgsEscaped = argsEscaped,
            };
        return Prop.ForAll(config.ToArbitrary(), c =>
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new ImageConfig { Config = c }, OciJsonContext.Default.ImageConfig);
            return Canonical(ContainerConfigReader.Read(bytes)) == Canonical(c);
        });
    }

    // Records compare their lists and maps by reference; their JSON compares what they hold.
    private static string Canonical(ContainerConfig? config) =>
        JsonSerializer.Serialize(new ImageConfig { Config = config }, OciJsonContext.Default.ImageConfig);
}
