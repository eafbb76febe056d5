using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Registry.Api.Demo;

namespace Registry.IntegrationTests.Browser;

/// <summary>
/// The registry as ./run.sh starts it (Development, the demo data and reference data, the built web pages) on its own database, and a
/// real headless Chromium (Debian's: scripts/chromium.sh) driven by Playwright, shared by the browser tests.
/// </summary>
public sealed class DemoInBrowser : IAsyncLifetime
{
    private SeparateHost demo = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public Uri Address => demo.Address;

    public async Task InitializeAsync()
    {
        demo = SeparateHost.Start("Development", new Dictionary<string, string?>
        {
            ["ConnectionStrings__Registry"] = await TestDatabase.CreateAsync("registry_tests_browser"),
            // The published reference data ./run.sh reads, so that the pages show what a user of the demo sees.
            ["Registry__ReferenceDataDirectory"] = Path.Combine(Repository.Root()!, "reference-data"),
        });
        await demo.Services.GetServices<IHostedService>().OfType<DemoData>().Single().Seeded.WaitAsync(TimeSpan.FromMinutes(3));
        await demo.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(90));

        playwright = await Playwright.CreateAsync();
        // Without the background-networking flags Chromium keeps calling Google's hosts, which this network refuses.
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("REGISTRY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await demo.DisposeAsync();
    }

    /// <summary>A new tab (its own session storage) on the dashboard; what the page logs as an error is kept.</summary>
    public async Task<BrowserTab> OpenAsync(string path = "/")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(), Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var tab = new BrowserTab(page);
        await page.GotoAsync(path);
        return tab;
    }
}

/// <summary>One tab, with the errors its pages logged (a refused script or style shows up there).</summary>
public sealed class BrowserTab
{
    private readonly List<string> errors = [];

    public BrowserTab(IPage page)
    {
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
    }

    public IPage Page { get; }
    public IReadOnlyList<string> Errors => errors;

    public async Task SignInAsync(string apiKey)
    {
        await Page.GetByLabel("API key").FillAsync(apiKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
    }

    /// <summary>Kept as a test artifact (test.sh prints where), named by the test.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var directory = Environment.GetEnvironmentVariable("REGISTRY_SCREENSHOTS") is { Length: > 0 } configured
            ? configured : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
    }

    /// <summary>axe-core's WCAG 2.1 AA rules on the page as it is: no serious or critical violation.</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target))}").ToList();
        Assert.True(serious.Count == 0, $"{Page.Url}: {string.Join("; ", serious)}");
    }

    /// <param name="expected">Part of an error the test caused on purpose (a refused key's 401, say).</param>
    public void AssertNoErrors(string? expected = null)
    {
        var unexpected = errors.Where(e => expected is null || !e.Contains(expected)).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DemoInBrowser>
{
    public const string Name = "browser";
}
