using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Silo.Tests;

/// <summary>
/// The web console in Debian's Chromium (Playwright with <c>ExecutablePath</c>) against a host:
/// pages signed in as a role, each kept as a screenshot in <c>TRACKING_TEST_ARTIFACTS</c>
/// (test.sh: TestResults/console); any script error or refused resource in a page fails the test.
/// </summary>
public abstract class ConsoleBrowser(ConsoleHost host) : IAsyncLifetime
{
    /// <summary>The browser tests run one class after another: each has a silo, a simulator and Chromium of its own, on two cores.</summary>
    public const string Collection = "console in a browser";

    protected ConsoleHost Host => host;

    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Time for Playwright's driver (a node process) to answer as it starts; it takes a second or two.</summary>
    private static readonly TimeSpan s_driverStart = TimeSpan.FromMinutes(1);

    private static readonly string s_artifacts = Environment.GetEnvironmentVariable("TRACKING_TEST_ARTIFACTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    /// <summary>A date with a time of day, and the zone after it if one is named.</summary>
    private static readonly Regex s_time = new(@"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(?<zone>\s*(KST|UTC|Z\b|[+-]\d{2}:\d{2}))?");

    private readonly List<string> _pageErrors = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (test.sh does)");
        Directory.CreateDirectory(s_artifacts);

        // The suite runs beside other test assemblies on two cores: pages may take longer than Playwright's 5 s.
        SetDefaultExpectTimeout(20_000);
        _playwright = await StartPlaywrightAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
    }

    /// <summary>
    /// Playwright's driver, tried twice: once a driver died as it started and Playwright waited for
    /// it without end, until the suite's hang timeout (a CI run of session 36).
    /// </summary>
    private static async Task<IPlaywright> StartPlaywrightAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Playwright.CreateAsync().WaitAsync(s_driverStart);
            }
            catch (TimeoutException ex) when (attempt == 2)
            {
                throw new TimeoutException($"Playwright's driver did not start in {s_driverStart.TotalSeconds:0} s, twice", ex);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        Assert.True(_pageErrors.Count == 0, "errors in the pages: " + string.Join(Environment.NewLine, _pageErrors));
    }

    /// <summary>A page in a browser of its own; in English unless told Korean (the console's own default).</summary>
    protected async Task<IPage> NewPageAsync(bool korean = false)
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = host.Address.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 }, TimezoneId = "Asia/Seoul" });
        if (!korean)
        {
            await context.AddInitScriptAsync("localStorage.setItem('tracking.language', 'en')");
        }

        var page = await context.NewPageAsync();
        page.PageError += (_, error) => _pageErrors.Add($"{page.Url}: {error}");
        page.Console += (_, message) =>
        {
            // A refused request (401 before sign-in, a refusal shown as a problem) is logged by the browser; scripts must not fail.
            if (message.Type == "error" && !message.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                _pageErrors.Add($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    protected async Task<IPage> SignInAsync(string name, string role, bool korean = false)
    {
        var page = await NewPageAsync(korean);
        await page.GotoAsync("/");
        await page.Locator("#sign-in input[name=name]").FillAsync(name);
        await page.Locator("#sign-in input[name=password]").FillAsync(name);
        await page.Locator("#sign-in button").ClickAsync();
        await Expect(page.Locator("#signed-in")).ToHaveTextAsync($"{name} ({role})");
        return page;
    }

    protected static async Task OpenAsync(IPage page, string menu)
    {
        await page.Locator($"#nav a[data-page={menu}]").ClickAsync();
        await Expect(page.Locator($"#nav a[data-page={menu}]")).ToHaveClassAsync("current");
        await Expect(page.Locator("main > p.loading")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Keeps the page as a picture, once it shows no value a script failed to fill in, and checks that
    /// every time on it says its zone (KST): officers must never wonder whether a time is UTC.
    /// </summary>
    protected static async Task ShotAsync(IPage page, string name)
    {
        await Expect(page.Locator("body")).Not.ToContainTextAsync(new Regex(@"\b(null|undefined|NaN|Invalid Date)\b"));
        var unlabelled = s_time.Matches(await page.Locator("body").InnerTextAsync()).Where(m => !m.Groups["zone"].Success).Select(m => m.Value).ToArray();
        Assert.True(unlabelled.Length == 0, $"{name} shows times without their zone: {string.Join(", ", unlabelled.Take(5))}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(s_artifacts, name + ".png"), FullPage = true });
    }

    /// <summary>The first case the filter lists, once one does (cases move on in seconds with the simulator).</summary>
    protected async Task<string> WaitForCaseAsync(string filter)
    {
        using var officer = await host.SignInAsync("kim");
        for (var i = 0; i < 600; i++)
        {
            var page = await ConsoleHost.JsonAsync(await officer.GetAsync($"/api/cases?{filter}&limit=1"), HttpStatusCode.OK);
            if (page.GetProperty("items") is { } items && items.GetArrayLength() > 0)
            {
                return items[0].GetProperty("id").GetString()!;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no case with {filter} within a minute");
    }
}
