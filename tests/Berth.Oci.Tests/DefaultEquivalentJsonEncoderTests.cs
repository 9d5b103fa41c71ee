using System.Text;
using System.Text.Json;
using Berth.Oci.Json;

namespace Berth.Oci.Tests;

/// <summary>The encoder against the default one it stands in for: every character, as a value and as a name.</summary>
public sealed class DefaultEquivalentJsonEncoderTests
{
    [Fact]
    public void EveryBmpCharacter_IsWrittenAsTheDefaultEncoderWritesIt()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            var text = $"a{(char)c}b";
            Assert.Equal(Written(text, encoder: null), Written(text, DefaultEquivalentJsonEncoder.Instance));
        }
    }

    [Theory]
    [InlineData("plain ascii, nothing to escape")]
    [InlineData("emoji 😀 and 𝄞 beyond the BMP")]
    [InlineData("\"quoted\" \\ back <script>alert('x')</script> & + `tick`")]
    [InlineData("line\nbreak\ttab\r\b\f\u0001\u001f\u007f end")]
    [InlineData("é ✓ ü 中文 \u2028\u2029 \ufeff \ufffd")]
    [InlineData("")]
    public void Texts_AreWrittenAsTheDefaultEncoderWritesThem(string text) =>
        Assert.Equal(Written(text, encoder: null), Written(text, DefaultEquivalentJsonEncoder.Instance));

    [Fact]
    public void ALongText_NeedingEscapesThroughout_IsWrittenAsTheDefaultEncoderWritesIt()
    {
        var text = string.Concat(Enumerable.Repeat("x\"é😀<\n", 2000));
        Assert.Equal(Written(text, encoder: null), Written(text, DefaultEquivalentJsonEncoder.Instance));
    }

    // The text as a property name, a string value and a UTF-8 value, as the writers use them.
    private static string Written(string text, System.Text.Encodings.Web.JavaScriptEncoder? encoder)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString(text, text);
            writer.WriteString("utf8", Encoding.UTF8.GetBytes(text));
            writer.WriteStartArray("array");
            writer.WriteStringValue(text);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
