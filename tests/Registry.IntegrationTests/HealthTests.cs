namespace Registry.IntegrationTests;

[Collection(RegistryCollection.Name)]
public sealed class HealthTests(RegistryApp app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_without_a_key(string path)
    {
        var response = await app.Client(null).Http.GetAsync(path);
        await Expect.StatusAsync(response, 200);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
