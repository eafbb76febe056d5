using System.Text;
using Registry.Api.Infrastructure.Validation;

namespace Registry.IntegrationTests.Unit;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("""{"a":"fine","b":[1,"two",{"c":"three\ttabbed\r\nlines"}]}""")]
    [InlineData("""{"name":"日本語 ✓ 💥 \u00e9"}""")]
    [InlineData("[]")]
    public void Well_formed_text_passes(string json) => Assert.Null(JsonText.Check(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"site":"\u0000"}""", "site")]
    [InlineData("""{"outputs":[{"lotNumber":"ok"},{"lotNumber":"a\u0007"}]}""", "outputs[1].lotNumber")]
    [InlineData("""{"a":{"b":["x","y","\u001b"]}}""", "a.b[2]")]
    [InlineData("""{"composition":{"Dy\u0000":0.5}}""", "composition")]
    [InlineData("""{"reason":"\u0085"}""", "reason")]
    [InlineData("""{"lotNumber":"\ud800"}""", "lotNumber")]
    [InlineData("""{"lotNumber":"\udc00\ud800"}""", "lotNumber")]
    [InlineData("""["\u007f"]""", "[0]")]
    public void A_refused_character_names_its_field(string json, string field)
    {
        var problem = JsonText.Check(Encoding.UTF8.GetBytes(json));
        Assert.Equal(field, problem?.Field);
        Assert.False(problem!.Malformed);
    }

    [Fact]
    public void Invalid_utf8_names_its_field()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"x":1,"site":"KOBE"}""");
        bytes[Array.IndexOf(bytes, (byte)'K')] = 0xFF;
        Assert.Equal("site", JsonText.Check(bytes)?.Field);
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1,}")]
    [InlineData("not json")]
    public void Malformed_json_is_reported_as_such(string json) => Assert.True(JsonText.Check(Encoding.UTF8.GetBytes(json))?.Malformed);

    [Fact]
    public void Nesting_deeper_than_64_is_malformed() =>
        Assert.True(JsonText.Check(Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65)))?.Malformed);
}
