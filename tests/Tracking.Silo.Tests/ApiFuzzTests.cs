using System.Net;
using System.Text;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// Every endpoint the OpenAPI document lists, called as an attacker or a careless script would —
/// no session, the wrong role, another site's page, oversized and malformed bodies, boundary
/// numbers, odd ids, seeded random bytes — on a host of its own (the guesses lock sign-in there).
/// No answer is a 5xx or carries a stack trace; what is refused changes nothing.
/// </summary>
public sealed class ApiFuzzTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private const int Seed = 20261203;

    private static readonly string[] s_oddIds =
    [
        "x", "..", "%2e%2e", "%00", "%E2%80%AE", new string('9', 19), "-1", "T07-0000001%0d%0aSet-Cookie:x", "가나다", "%F0%9F%92%A3", new string('z', 199), "a%2Fb%2Fc",
    ];

    private static readonly string[] s_oddQueries =
    [
        "limit=-1", "limit=0", "limit=2147483648", "limit=abc", "minDebt=-9223372036854775808", "maxDebt=9223372036854775808", "maxDebt=1e99",
        "after=%00", "after=" + new string('A', 3000), "openedFrom=9999-99-99", "overdue=maybe", "status=%27%3B%20DROP%20TABLE%20grain_views%3B--", "subject=%F0%9F%92%A3",
    ];

    [Fact]
    public async Task Every_endpoint_answers_hostile_requests_with_4xx_or_success_never_500_and_refusals_change_nothing()
    {
        using var officer = await host.SignInAsync("kim");
        using var auditor = await host.SignInAsync("choi");
        using var anonymous = host.Anonymous();
        var endpoints = await EndpointsAsync(anonymous);
        Assert.True(endpoints.Count >= 20, string.Join(", ", endpoints));
        var random = new Random(Seed);
        var answers = 0;

        // What must be refused: no session, the wrong role, another site. Nothing stored changes: no
        // grain state, event, read-model row (access records included) or reminder.
        var before = await StoreContentsAsync();
        foreach (var (method, template) in endpoints.Where(e => !(e.Method == "POST" && e.Path.StartsWith("/api/session", StringComparison.Ordinal)) && !e.Path.StartsWith("/api/exchange-callbacks", StringComparison.Ordinal)))
        {
            var path = Fill(template, "x");
            await ExpectRefusedAsync(anonymous, Request(method, path, method == "GET" ? null : Json("""{"reason":"x","reference":"R","amount":1,"source":"s"}""")), "no session");
            answers++;
            if (method is "GET" || template.StartsWith("/api/session", StringComparison.Ordinal))
            {
                continue;
            }

            await ExpectRefusedAsync(auditor, Request(method, path, Json("""{"reason":"x"}""")), "an auditor");
            var crossSite = Request(method, path, new FormUrlEncodedContent([new("reason", "x")]));
            crossSite.Headers.TryAddWithoutValidation("Origin", "http://evil.example");
            await ExpectRefusedAsync(officer, crossSite, "another site");
            answers += 2;
        }

        Assert.Equal(before, await StoreContentsAsync());

        // Malformed, oversized, boundary and random requests from a signed-in officer: answered, never a 500.
        foreach (var (method, template) in endpoints.Where(e => !e.Path.StartsWith("/api/session", StringComparison.Ordinal)))
        {
            foreach (var id in s_oddIds)
            {
                await ExpectNo500Async(officer, Request(method, Fill(template, id), Json("{}")));
            }

            foreach (var query in s_oddQueries)
            {
                await ExpectNo500Async(officer, Request(method, Fill(template, "x") + "?" + query, null));
            }

            foreach (var body in new HttpContent[] { Json("{not json"), Json("""{"reason":null,"amount":"lots","reference":[]}"""), Json("""{"amount":1e400}"""), Json(new string('[', 10_000)) })
            {
                await ExpectNo500Async(officer, Request(method, Fill(template, "x"), body));
            }

            // Beyond the body limit: refused before it is read, and the server closes that connection
            // (a body nobody reads cannot be skipped), so it is sent on a connection of its own.
            var oversized = Request(method, Fill(template, "x"), Json("{\"reason\":\"" + new string('x', 100_000) + "\"}"));
            oversized.Headers.ConnectionClose = true;
            await ExpectNo500Async(officer, oversized);

            answers += s_oddIds.Length + s_oddQueries.Length + 5;
        }

        for (var i = 0; i < 1_500; i++)
        {
            var (method, template) = endpoints[random.Next(endpoints.Count)];
            var bytes = new byte[random.Next(0, 2_048)];
            random.NextBytes(bytes);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new(random.Next(3) switch { 0 => "application/json", 1 => "multipart/form-data", _ => "application/octet-stream" });
            var id = Uri.EscapeDataString(Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, random.Next(1, 40)))));
            await ExpectNo500Async(random.Next(2) == 0 ? officer : anonymous, Request(method, Fill(template, id.Length > 0 ? id : "x"), content));
            answers++;
        }

        Assert.True(answers > 2_000, $"{answers} requests");
    }

    /// <summary>The OpenAPI document's operations, but the Orleans Dashboard's and the document's own.</summary>
    private static async Task<List<(string Method, string Path)>> EndpointsAsync(HttpClient client)
    {
        var document = await JsonAsync(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        return [.. document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: o.Name.ToUpperInvariant(), Path: p.Name)))
            .Where(e => e.Method is "GET" or "POST" or "PUT" or "DELETE" or "PATCH")];
    }

    private static string Fill(string template, string value)
    {
        var path = new StringBuilder();
        foreach (var segment in template.Split('/'))
        {
            path.Append(segment.StartsWith('{') ? value : segment).Append('/');
        }

        return path.ToString().TrimEnd('/');
    }

    private static HttpRequestMessage Request(string method, string path, HttpContent? content) => new(new HttpMethod(method), path) { Content = content };

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task ExpectRefusedAsync(HttpClient client, HttpRequestMessage request, string who)
    {
        var response = await SendAsync(client, request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{request.Method} {request.RequestUri} from {who}: {(int)response.StatusCode} {body}");
        AssertNoStackTrace(request, body);
    }

    private static async Task ExpectNo500Async(HttpClient client, HttpRequestMessage request)
    {
        var response = await SendAsync(client, request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}");
        AssertNoStackTrace(request, body);
    }

    /// <summary>Sends the request; a connection the server drops is a failure that names the request.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var line = $"{request.Method} {request.RequestUri}";
        try
        {
            return await client.SendAsync(request);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"{line}: the connection ended without an answer ({ex.Message})", ex);
        }
    }

    private static void AssertNoStackTrace(HttpRequestMessage request, string body)
    {
        Assert.False(body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal), $"{request.Method} {request.RequestUri}: {body}");
    }

    /// <summary>Everything the store holds, row by row: grains with their versions (each event written moves one), read-model rows with their documents, reminders.</summary>
    private async Task<string> StoreContentsAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.StorePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var contents = new StringBuilder();
        foreach (var query in new[]
        {
            "SELECT grain_type, grain_key, version FROM grain_state ORDER BY grain_type, grain_key",
            "SELECT grain_type, grain_key, count(*) FROM grain_events GROUP BY grain_type, grain_key ORDER BY grain_type, grain_key",
            "SELECT view, view_key, doc FROM grain_views ORDER BY view, view_key",
            "SELECT grain_id, reminder_name, start_time, period_ms FROM reminders ORDER BY grain_id, reminder_name",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    contents.Append(reader.GetValue(i)).Append('|');
                }

                contents.Append('\n');
            }
        }

        Assert.True(contents.Length > 10_000, "the store holds the uploaded samples and their sweep");
        return contents.ToString();
    }
}
