using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.LoadTests.Office;

/// <summary>
/// One person at the office signed in to the case API, with their own cookie and connection; every
/// request they send is timed and logged under the name of what it does.
/// </summary>
internal sealed class OfficeDesk : IDisposable
{
    private readonly HttpClient _http;
    private readonly RequestLog _log;

    private OfficeDesk(HttpClient http, RequestLog log) => (_http, _log) = (http, log);

    public static async Task<OfficeDesk> SignInAsync(Uri address, string name, RequestLog log)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
        (await http.PostAsJsonAsync("/api/session", new { name, password = name })).EnsureSuccessStatusCode();
        return new OfficeDesk(http, log);
    }

    /// <summary>The answer's JSON, or null when the request was refused or failed (logged either way).</summary>
    public Task<JsonElement?> GetAsync(string endpoint, string path, CancellationToken cancellationToken) =>
        SendAsync(endpoint, () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonElement?> PostAsync<TBody>(string endpoint, string path, TBody body, CancellationToken cancellationToken) =>
        SendAsync(endpoint, () => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);

    private async Task<JsonElement?> SendAsync(string endpoint, Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        var started = _log.Now;
        try
        {
            using var response = await _http.SendAsync(request(), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var outcome = status switch { < 400 => RequestOutcome.Answered, < 500 => RequestOutcome.Refused, _ => RequestOutcome.Failed };
            _log.Add(endpoint, started, outcome, outcome == RequestOutcome.Answered ? null : $"{status}: {Shorten(body)}");
            return outcome == RequestOutcome.Answered && body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _log.Add(endpoint, started, RequestOutcome.Failed, $"{e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _http.Dispose();
}
