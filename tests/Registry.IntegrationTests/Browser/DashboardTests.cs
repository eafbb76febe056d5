using Microsoft.Playwright;
using Registry.Api.Demo;
using static Microsoft.Playwright.Assertions;

namespace Registry.IntegrationTests.Browser;

/// <summary>The dashboard on the demo data, as a ministry and as a company reads it, in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(DemoInBrowser demo)
{
    [Fact]
    public async Task A_ministry_reads_the_published_effective_use_rates_switches_to_Japanese_and_opens_the_Sankey()
    {
        var tab = await demo.OpenAsync();
        await tab.SignInAsync(DemoData.MinistryKey);
        await tab.Page.GotoAsync("/#/trends");

        // PWMI 2019-2023: 726/850, 710/822, 717/824, 717/823, 688/769 = 85, 86, 87, 87, 89% rounded, as the chart
        // labels its points, in year order.
        var trend = tab.Page.Locator("#trend-plastics-effectiveUtilizationRate");
        await Expect(trend.Locator("svg")).ToBeVisibleAsync();
        string[] published = ["85%", "86%", "87%", "87%", "89%"];
        var labels = await trend.Locator("svg text").AllTextContentsAsync();
        Assert.All(published, rate => Assert.Contains(rate, labels));
        var table = new List<string>();
        foreach (var row in await trend.Locator("table tbody tr").AllAsync())
            table.Add(string.Join(" ", (await row.Locator("td").AllTextContentsAsync()).Take(2)));
        Assert.Equal(published.Select((rate, i) => $"{2019 + i} {rate}"), table.Take(5));
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("ministry-trends-en");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "日本語" }).ClickAsync();
        await Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" })).ToBeVisibleAsync();
        await Expect(trend.Locator("svg")).ToBeVisibleAsync();
        await tab.ScreenshotAsync("ministry-trends-ja");

        await tab.Page.GotoAsync("/#/flows");
        var sankey = tab.Page.Locator("#plastic-sankey");
        await Expect(sankey.Locator("svg path").First).ToBeVisibleAsync();
        await Expect(sankey.Locator("svg")).ToContainTextAsync("マテリアルリサイクル");
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("ministry-flows-ja");
        tab.AssertNoErrors();
    }

    [Theory]
    [InlineData("overview")]
    [InlineData("batteries")]
    [InlineData("rare-earths")]
    [InlineData("supply-risk")]
    [InlineData("exposure")]
    public async Task Each_ministry_page_draws_its_figures_accessibly(string page)
    {
        var tab = await demo.OpenAsync();
        await tab.SignInAsync(DemoData.MinistryKey);
        await tab.Page.GotoAsync($"/#/{page}");
        await Expect(tab.Page.Locator("main")).Not.ToHaveAttributeAsync("aria-busy", "true");
        await Expect(tab.Page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("main .error")).ToHaveCountAsync(0);
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync($"ministry-{page}");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_ministry_sees_what_would_stop_with_Chinas_dysprosium()
    {
        var tab = await demo.OpenAsync();
        await tab.SignInAsync(DemoData.MinistryKey);
        await tab.Page.GotoAsync("/#/exposure");
        await tab.Page.GetByLabel("Element").SelectOptionAsync("Dy");
        await tab.Page.GetByLabel("Lots started in").SelectOptionAsync("2025");

        // The demo's magnet chain: the Dy magnet takes 30 kg of CN and 10 kg of AU Dy oxide (both 87.1% Dy), so 30/40 =
        // 75% of the Dy in the xEVs that carry it would stop with China's.
        var products = tab.Page.Locator("#exposure-products");
        await Expect(products).ToContainTextAsync("XEV");
        await Expect(products).ToContainTextAsync("75%");
        await tab.ScreenshotAsync("ministry-exposure-dy");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task A_company_opens_a_lot_and_its_trace()
    {
        var tab = await demo.OpenAsync();
        await tab.SignInAsync(DemoScenario.RecyclerKey);
        await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/lots$"));
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("company-lots");

        await Expect(tab.Page.Locator("#lots-count")).ToContainTextAsync("of 24"); // its 24 lots, in pages of 20
        await tab.Page.GetByLabel("Lot number (exact)").FillAsync("DEMO-RCO-0001"); // the cobalt it recovered
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "DEMO-RCO-0001" }).ClickAsync();
        await Expect(tab.Page.Locator("main h1")).ToContainTextAsync("DEMO-RCO-0001");
        await Expect(tab.Page.Locator("#trace-graph svg")).ToBeVisibleAsync();
        await tab.AssertAccessibleAsync();
        await tab.ScreenshotAsync("company-lot");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task GraphiQL_introspects_the_schema_with_the_signed_in_key()
    {
        var tab = await demo.OpenAsync();
        await tab.SignInAsync(DemoData.MinistryKey);
        var introspection = tab.Page.WaitForRequestAsync(r => r.Url.EndsWith("/graphql") && r.Method == "POST"
            && (r.PostData ?? "").Contains("__schema"));
        await tab.Page.GotoAsync("/graphql");

        var request = await introspection;
        Assert.Equal($"Bearer {DemoData.MinistryKey}", await request.HeaderValueAsync("authorization"));
        var answer = await request.ResponseAsync();
        Assert.Equal(200, answer!.Status);
        Assert.Contains("\"queryType\"", await answer.TextAsync());
        await Expect(tab.Page.Locator("#graphiql")).ToBeVisibleAsync();
        await tab.ScreenshotAsync("graphiql");
        tab.AssertNoErrors();
    }
}
