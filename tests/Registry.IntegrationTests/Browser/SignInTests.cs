using Microsoft.Playwright;
using Registry.Api.Demo;

namespace Registry.IntegrationTests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(DemoInBrowser demo)
{
    [Fact]
    public async Task The_key_lives_in_the_tab_only_and_signing_out_forgets_it()
    {
        var tab = await demo.OpenAsync();
        await tab.AssertAccessibleAsync();
        await tab.Page.GetByLabel("API key").FillAsync("not-a-key");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("does not know this key");

        await tab.SignInAsync(DemoData.MinistryKey);
        Assert.Equal(DemoData.MinistryKey, await tab.Page.EvaluateAsync<string>("sessionStorage.getItem('registry.apiKey')"));
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("localStorage.length - (localStorage.getItem('registry.locale') ? 1 : 0)"));

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await tab.Page.GetByLabel("API key").WaitForAsync();
        Assert.Null(await tab.Page.EvaluateAsync<string?>("sessionStorage.getItem('registry.apiKey')"));
        await tab.Page.ReloadAsync();
        await tab.Page.GetByLabel("API key").WaitForAsync(); // still signed out
        tab.AssertNoErrors(expected: "status of 401"); // the refused key's answer, which the browser logs
    }

    [Fact]
    public async Task The_REST_reference_page_renders_the_registrys_own_OpenAPI_document_without_another_host()
    {
        var tab = await demo.OpenAsync("/swagger"); // where people look first: sent to /scalar
        Assert.Contains("/scalar", tab.Page.Url);
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Register organization" }))
            .ToBeVisibleAsync(new() { Timeout = 20_000 });
        await tab.ScreenshotAsync("rest-reference");
        tab.AssertNoErrors();
    }
}
