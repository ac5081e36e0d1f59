using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Tracking.Silo.Tests.ConsoleHost;

using Tracking.TestingHost;

namespace Tracking.Silo.Tests;

/// <summary>The case API over real HTTP: every endpoint, role and error path, masking and the access record.</summary>
public sealed class CaseApiTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private static readonly string[] s_protected =
    [
        "GET /api/session", "GET /api/cases", "POST /api/cases", "GET /api/cases/opening", "GET /api/cases/x", "GET /api/cases/x/documents/y", "POST /api/cases/x/sale-approval",
        "POST /api/cases/x/cancellation", "POST /api/cases/x/cancellation-approval", "GET /api/reviews", "GET /api/reviews/t/e/a",
        "POST /api/reviews/t/e/a/approval", "POST /api/reviews/t/e/a/rejection", "POST /api/sweeps", "GET /api/sweeps/current",
        "POST /api/imports/roll", "POST /api/imports/accounts/upbit", "GET /api/imports", "GET /api/imports/exchanges", "GET /api/dashboard", "GET /api/access-log",
        "GET /api/taxpayers/x", "GET /api/taxpayers/x/history", "POST /api/taxpayers/x/payments", "GET /api/cluster",
    ];

    [Fact]
    public async Task Every_endpoint_but_sign_in_refuses_a_request_without_a_session_with_problem_details()
    {
        using var client = host.Anonymous();
        foreach (var endpoint in s_protected)
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { reason = "x" }) : null });
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var wrong = await client.PostAsJsonAsync("/api/session", new { name = "kim", password = "lee" });
        Assert.Equal(401, (await JsonAsync(wrong, HttpStatusCode.Unauthorized)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/session", new { name = "nobody", password = "nobody" })).StatusCode);
    }

    [Theory]
    [InlineData("jung", "GET /api/cases", "POST /api/cases", "GET /api/taxpayers/T07-0000001", "GET /api/reviews", "GET /api/dashboard", "POST /api/sweeps")]
    [InlineData("choi", "POST /api/sweeps", "POST /api/cases", "GET /api/imports/exchanges", "POST /api/imports/roll", "POST /api/cases/x/cancellation", "POST /api/reviews/t/e/a/approval", "POST /api/cases/x/sale-approval", "GET /api/cluster")]
    [InlineData("kim", "POST /api/cases/x/sale-approval", "POST /api/cases/x/cancellation-approval", "GET /api/access-log", "GET /api/cluster")]
    [InlineData("lee", "GET /api/access-log", "GET /api/cluster")]
    public async Task Each_role_is_refused_what_it_may_not_do(string user, params string[] refused)
    {
        using var client = await host.SignInAsync(user);
        foreach (var endpoint in refused)
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { reason = "x" }) : null });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{user} {endpoint}: {response.StatusCode}");
        }

        var session = await JsonAsync(await client.GetAsync("/api/session"), HttpStatusCode.OK);
        Assert.Equal(user, session.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_uploads_progress_is_told_to_its_sender_by_the_id_its_page_gave_and_to_no_one_else()
    {
        using var officer = await host.SignInAsync("park");
        using var otherOfficer = await host.SignInAsync("kim");
        var id = Guid.NewGuid().ToString();
        var unknown = await JsonAsync(await officer.GetAsync($"/api/imports/progress/{id}"), HttpStatusCode.NotFound);
        Assert.Contains(id, unknown.GetProperty("detail").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/accounts/upbit") { Content = Form(("file", "upbit.csv")) };
        request.Headers.Add("X-Upload-Id", id);
        var record = (await (await officer.SendAsync(request)).Content.ReadFromJsonAsync<ImportRecordJson>())!;

        var status = await JsonAsync(await officer.GetAsync($"/api/imports/progress/{id}"), HttpStatusCode.OK);
        Assert.Equal(("finished", record.Summary.Records, record.Summary.Records), (status.GetProperty("phase").GetString(), status.GetProperty("done").GetInt32(), status.GetProperty("total").GetInt32()));
        Assert.True(record.Summary.Records > 0);
        await JsonAsync(await otherOfficer.GetAsync($"/api/imports/progress/{id}"), HttpStatusCode.NotFound);

        // An id of another shape is refused before anything is read or stored.
        foreach (var bad in new[] { "short", new string('a', 65), "../../etc", "id with spaces" })
        {
            using var refused = new HttpRequestMessage(HttpMethod.Post, "/api/imports/accounts/upbit") { Content = Form(("file", "upbit.csv")) };
            refused.Headers.TryAddWithoutValidation("X-Upload-Id", bad);
            var problem = await JsonAsync(await officer.SendAsync(refused), HttpStatusCode.BadRequest);
            Assert.Contains("X-Upload-Id", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Uploads_report_bad_rows_by_file_and_line_and_the_same_file_again_changes_nothing()
    {
        Assert.True(host.RollUpload!.Summary.New > 0);

        // The same roll again with one bad row added: that row is reported by file and line, the rest changes nothing.
        using var officer = await host.SignInAsync("park");
        var taxpayers = File.ReadAllText(Path.Combine(TestingHost.RepositoryPaths.Samples, "taxpayers.csv")).TrimEnd('\n') + "\nT07-BAD,,not-an-rrn,2003-13-45,,\n";
        var lines = taxpayers.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var form = Form(("items", "tax_items.csv"));
        form.Add(new StringContent(taxpayers), "taxpayers", "taxpayers.csv");
        var again = (await (await officer.PostAsync("/api/imports/roll", form)).Content.ReadFromJsonAsync<ImportRecordJson>())!;
        Assert.Equal((0, 0, host.RollUpload.Summary.Records), (again.Summary.New, again.Summary.Changed, again.Summary.Unchanged));
        Assert.Contains(again.Summary.Problems, p => p.File == "taxpayers.csv" && p.Line == lines && p.Rejected);
        Assert.Equal(host.RollUpload.Summary.Problems.Count + 1, again.Summary.Problems.Count);

        var missing = await JsonAsync(await officer.PostAsync("/api/imports/roll", Form(("taxpayers", "taxpayers.csv"))), HttpStatusCode.BadRequest);
        Assert.Contains("items", missing.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/imports/roll", new { })).StatusCode);
        var unknown = await JsonAsync(await officer.PostAsync("/api/imports/accounts/nowhere", Form(("file", "upbit.csv"))), HttpStatusCode.NotFound);
        Assert.Contains("upbit", unknown.GetProperty("detail").GetString());

        var imports = await JsonAsync(await officer.GetAsync("/api/imports?limit=100"), HttpStatusCode.OK);
        Assert.Equal(7, imports.GetProperty("total").GetInt64());
        Assert.Equal("officer:park", imports.GetProperty("items")[0].GetProperty("by").GetString());
    }

    [Fact]
    public async Task Review_evidence_is_masked_for_auditors_and_every_read_is_on_the_access_record()
    {
        using var officer = await host.SignInAsync("kim");
        using var auditor = await host.SignInAsync("choi");
        var candidate = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=1"), HttpStatusCode.OK)).GetProperty("items")[0];
        var path = $"/api/reviews/{candidate.GetProperty("taxpayerId").GetString()}/{candidate.GetProperty("exchange").GetString()}/{candidate.GetProperty("accountId").GetString()}";

        var full = await JsonAsync(await officer.GetAsync(path), HttpStatusCode.OK);
        var masked = await JsonAsync(await auditor.GetAsync(path), HttpStatusCode.OK);
        var name = full.GetProperty("taxpayer").GetProperty("name").GetString()!;
        Assert.DoesNotContain('*', name);
        Assert.Equal(name[..1], masked.GetProperty("taxpayer").GetProperty("name").GetString()![..1]);
        Assert.Contains("*", masked.GetProperty("taxpayer").GetProperty("name").GetString()!, StringComparison.Ordinal);
        Assert.Contains("****", masked.GetProperty("taxpayer").GetProperty("phone").GetString());
        Assert.Contains("****", masked.GetProperty("holder").GetProperty("phone").GetString());
        Assert.DoesNotContain(full.GetProperty("taxpayer").GetProperty("phone").GetString()!, masked.ToString());
        Assert.Equal(JsonValueKind.Null, full.GetProperty("taxpayer").GetProperty("rrnHash").ValueKind);

        var taxpayer = candidate.GetProperty("taxpayerId").GetString();
        var log = await JsonAsync(await auditor.GetAsync($"/api/access-log?subject={taxpayer}&limit=100"), HttpStatusCode.OK);
        var readers = log.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("reader").GetString(), r.GetProperty("role").GetString(), r.GetProperty("what").GetString())).ToArray();
        Assert.Contains(("kim", "officer", $"review evidence {candidate.GetProperty("exchange").GetString()}/{candidate.GetProperty("accountId").GetString()}"), readers);
        Assert.Contains(readers, r => r.Item1 == "choi");
        var byKim = await JsonAsync(await auditor.GetAsync("/api/access-log?reader=kim&limit=1000"), HttpStatusCode.OK);
        Assert.All(byKim.GetProperty("items").EnumerateArray(), r => Assert.Equal("kim", r.GetProperty("reader").GetString()));
    }

    [Fact]
    public async Task A_review_approval_opens_a_case_listed_and_filtered_and_a_rejection_needs_a_reason_and_stands()
    {
        using var officer = await host.SignInAsync("park");
        var open = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=100"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        Assert.True(open.Length >= 3);
        string Path(JsonElement c) => $"/api/reviews/{c.GetProperty("taxpayerId").GetString()}/{c.GetProperty("exchange").GetString()}/{c.GetProperty("accountId").GetString()}";

        var rejectPath = Path(open[^1]);
        Assert.Contains("reason", (await JsonAsync(await officer.PostAsJsonAsync(rejectPath + "/rejection", new { reason = " " }), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        await JsonAsync(await officer.PostAsJsonAsync(rejectPath + "/rejection", new { reason = "a namesake: different phone" }), HttpStatusCode.OK);
        Assert.Contains("already rejected", (await JsonAsync(await officer.PostAsync(rejectPath + "/approval", null), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        var rejected = await JsonAsync(await officer.GetAsync("/api/reviews?state=Rejected"), HttpStatusCode.OK);
        Assert.Contains(rejected.GetProperty("items").EnumerateArray(), r => r.GetProperty("note").GetString() == "a namesake: different phone" && r.GetProperty("decidedBy").GetString() == "officer:park");

        var approved = await JsonAsync(await officer.PostAsync(Path(open[0]) + "/approval", null), HttpStatusCode.OK);
        var caseId = approved.GetProperty("seizure").GetProperty("seizureId").GetString()!;
        var mine = await JsonAsync(await officer.GetAsync("/api/cases?officer=officer:park"), HttpStatusCode.OK);
        Assert.Equal(caseId, Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var byExchange = await JsonAsync(await officer.GetAsync($"/api/cases?exchange={open[0].GetProperty("exchange").GetString()}&status=NoticeSent"), HttpStatusCode.OK);
        Assert.Contains(byExchange.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetString() == caseId);
        var none = await JsonAsync(await officer.GetAsync("/api/cases?officer=officer:park&minDebt=999999999999"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("total").GetInt64());

        var detail = await JsonAsync(await officer.GetAsync($"/api/cases/{Uri.EscapeDataString(caseId)}"), HttpStatusCode.OK);
        Assert.Contains("approved by officer:park", detail.GetProperty("seizure").GetProperty("basis").GetString());
        Assert.NotEmpty(detail.GetProperty("history").EnumerateArray());
        var document = detail.GetProperty("documents")[0].GetProperty("documentId").GetString()!;
        var html = await officer.GetAsync($"/api/cases/{Uri.EscapeDataString(caseId)}/documents/{Uri.EscapeDataString(document)}");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var documentPath = $"/api/cases/{Uri.EscapeDataString(caseId)}/documents/{Uri.EscapeDataString(document)}";
        var pdf = await officer.GetAsync(documentPath + "?format=pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".pdf", pdf.Content.Headers.ContentDisposition?.FileName);
        var pdfText = await PdfFile.TextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("채권압류통지서", pdfText);
        Assert.Contains("압류합니다", pdfText);
        Assert.Contains(ConsoleHost.Office, pdfText);
        Assert.Contains(caseId, pdfText);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync(documentPath + "?format=docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/cases/{Uri.EscapeDataString(caseId)}/documents/{Uri.EscapeDataString(caseId + "/99")}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync($"/api/cases/{Uri.EscapeDataString(caseId)}/documents/nope")).StatusCode);
    }

    [Fact]
    public async Task A_cancellation_is_asked_by_one_person_and_approved_by_another()
    {
        using var officer = await host.SignInAsync("kim");
        using var supervisor = await host.SignInAsync("lee");
        var candidates = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=2"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        var paths = new List<string>();
        foreach (var c in candidates)
        {
            var opened = await JsonAsync(await officer.PostAsync($"/api/reviews/{c.GetProperty("taxpayerId").GetString()}/{c.GetProperty("exchange").GetString()}/{c.GetProperty("accountId").GetString()}/approval", null), HttpStatusCode.OK);
            paths.Add($"/api/cases/{Uri.EscapeDataString(opened.GetProperty("seizure").GetProperty("seizureId").GetString()!)}");
        }

        // The supervisor's own request needs someone else's approval.
        Assert.Contains("no sale awaits", (await JsonAsync(await supervisor.PostAsync(paths[0] + "/sale-approval", null), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        Assert.Contains("no cancellation awaits", (await JsonAsync(await supervisor.PostAsync(paths[0] + "/cancellation-approval", null), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        await JsonAsync(await supervisor.PostAsJsonAsync(paths[0] + "/cancellation", new { reason = "holder is a namesake" }), HttpStatusCode.OK);
        Assert.Contains("second person", (await JsonAsync(await supervisor.PostAsync(paths[0] + "/cancellation-approval", null), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());

        // Asked in Korean, as the console asks: the refusal in Korean, the English beside it.
        using var inKorean = new HttpRequestMessage(HttpMethod.Post, paths[0] + "/cancellation-approval") { Headers = { { "Accept-Language", "ko-KR, en;q=0.5" } } };
        var korean = await JsonAsync(await supervisor.SendAsync(inKorean), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Refused", korean.GetProperty("title").GetString());
        Assert.Equal("supervisor:lee이(가) 요청한 취소입니다. 다른 사람이 승인해야 합니다", korean.GetProperty("detail").GetString());
        Assert.Contains("second person", korean.GetProperty("englishDetail").GetString());

        // An officer's request, approved by the supervisor, withdraws the seizure.
        Assert.Contains("reason", (await JsonAsync(await officer.PostAsJsonAsync(paths[1] + "/cancellation", new { reason = "" }), HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString());
        await JsonAsync(await officer.PostAsJsonAsync(paths[1] + "/cancellation", new { reason = "different birth year on the exchange's record" }), HttpStatusCode.OK);
        var awaiting = await JsonAsync(await supervisor.GetAsync("/api/cases?approval=Cancellation&limit=1000"), HttpStatusCode.OK);
        var awaitingIds = awaiting.GetProperty("items").EnumerateArray().Select(c => "/api/cases/" + Uri.EscapeDataString(c.GetProperty("id").GetString()!)).ToArray();
        Assert.Contains(paths[0], awaitingIds);
        Assert.Contains(paths[1], awaitingIds);
        var cancelled = await JsonAsync(await supervisor.PostAsync(paths[1] + "/cancellation-approval", null), HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        var history = (await JsonAsync(await officer.GetAsync(paths[1]), HttpStatusCode.OK)).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("event")).ToArray();
        Assert.Contains(history, e => e.GetProperty("actor").GetString() == "officer:kim" && e.GetProperty("reason").GetString()!.Contains("birth year", StringComparison.Ordinal));
        Assert.Contains(history, e => e.GetProperty("actor").GetString() == "supervisor:lee" && e.GetProperty("reason").GetString()!.Contains("approved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_things_are_404_bad_queries_and_misspelt_filters_400_and_no_answer_carries_a_stack_trace()
    {
        using var officer = await host.SignInAsync("kim");
        var answers = new[]
        {
            (await officer.GetAsync("/api/cases/nobody@upbit%2Fnothing"), HttpStatusCode.NotFound),
            (await officer.GetAsync("/api/taxpayers/NOBODY"), HttpStatusCode.NotFound),
            (await officer.GetAsync("/api/taxpayers/NOBODY/history"), HttpStatusCode.NotFound),
            (await officer.GetAsync("/api/reviews/NOBODY/upbit/x"), HttpStatusCode.NotFound),
            (await officer.PostAsync("/api/cases/nobody@upbit%2Fnothing/cancellation", JsonContent.Create(new { reason = "x" })), HttpStatusCode.NotFound),
            (await officer.GetAsync("/api/cases?after=garbage"), HttpStatusCode.BadRequest),
            (await officer.GetAsync("/api/cases?limit=100000"), HttpStatusCode.BadRequest),
            (await officer.GetAsync("/api/cases?minDebt=lots"), HttpStatusCode.BadRequest),
            (await officer.GetAsync("/api/cases?status=closed"), HttpStatusCode.BadRequest),
            (await officer.GetAsync("/api/cases?approval=sale"), HttpStatusCode.BadRequest),
            (await officer.GetAsync("/api/cases?status=Closed&approval=Sale"), HttpStatusCode.OK),
            (await officer.PostAsync("/api/cases/x/cancellation", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest),
        };
        foreach (var (response, expected) in answers)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage!.RequestUri}: {response.StatusCode} {body}");
            Assert.DoesNotContain("   at ", body);
            Assert.DoesNotContain("Exception", body);
        }
    }

    [Fact]
    public async Task Cases_page_with_a_cursor_and_the_dashboard_counts_them()
    {
        using var officer = await host.SignInAsync("kim");
        var reviews = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=3"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        foreach (var c in reviews)
        {
            await JsonAsync(await officer.PostAsync($"/api/reviews/{c.GetProperty("taxpayerId").GetString()}/{c.GetProperty("exchange").GetString()}/{c.GetProperty("accountId").GetString()}/approval", null), HttpStatusCode.OK);
        }

        var all = await JsonAsync(await officer.GetAsync("/api/cases?limit=1000"), HttpStatusCode.OK);
        var ids = all.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray();
        var paged = new List<string?>();
        string? next = null;
        do
        {
            var page = await JsonAsync(await officer.GetAsync("/api/cases?limit=1" + (next is null ? "" : "&after=" + next)), HttpStatusCode.OK);
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null && paged.Count <= ids.Length);
        Assert.Equal(ids, paged);

        var dashboard = await JsonAsync(await officer.GetAsync("/api/dashboard"), HttpStatusCode.OK);
        Assert.Equal(all.GetProperty("total").GetInt64(), dashboard.GetProperty("cases").GetInt64());
        Assert.Equal(dashboard.GetProperty("cases").GetInt64(), dashboard.GetProperty("byExchange").EnumerateArray().Sum(e => e.GetProperty("count").GetInt64()));
        Assert.Equal(10, dashboard.GetProperty("leadTimeMarkDays").GetInt32());

        // Every open case owes a step by some time; the overdue are those whose time has passed.
        var now = all.GetProperty("now").GetInt64();
        Assert.All(all.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("status").GetString() != "Closed"), c => Assert.True(c.GetProperty("deadline").GetInt64() > 0, $"{c.GetProperty("id")} owes no step"));
        var overdue = await JsonAsync(await officer.GetAsync("/api/cases?overdue=true&limit=1000"), HttpStatusCode.OK);
        var expected = all.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("deadline").GetInt64() is > 0 and var d && d < now)
            .OrderBy(c => c.GetProperty("deadline").GetInt64()).ThenBy(c => c.GetProperty("id").GetString(), StringComparer.Ordinal).Select(c => c.GetProperty("id").GetString());
        Assert.Equal(expected, overdue.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        using var client = host.Anonymous();
        var document = await JsonAsync(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/session", "/api/cases", "/api/cases/{id}", "/api/cases/{id}/documents/{documentId}", "/api/reviews", "/api/sweeps", "/api/sweeps/current", "/api/imports/roll", "/api/imports/accounts/{exchange}", "/api/imports/exchanges", "/api/dashboard", "/api/access-log", "/api/taxpayers/{id}" })
        {
            Assert.True(paths.Contains(path) || paths.Contains(path + "/"), $"{path} is not in the OpenAPI document: {string.Join(", ", paths)}");
        }
    }

    [Fact]
    public async Task Automatic_matches_are_opened_as_cases_once_and_uploads_offer_the_exchanges_with_a_profile()
    {
        using var officer = await host.SignInAsync("park");
        var first = await ConsoleHost.OpenAutoMatchesAsync(officer);
        var candidates = first.GetProperty("candidates").GetInt32();
        Assert.True(candidates > 0);
        Assert.Equal(candidates, first.GetProperty("opened").GetInt32() + first.GetProperty("alreadyOpen").GetInt32() + first.GetProperty("refused").GetArrayLength());
        Assert.Equal("officer:park", first.GetProperty("startedBy").GetString());
        Assert.True(first.GetProperty("finishedAt").GetDateTimeOffset() >= first.GetProperty("startedAt").GetDateTimeOffset());

        var again = await ConsoleHost.OpenAutoMatchesAsync(officer);
        Assert.Equal(0, again.GetProperty("opened").GetInt32());
        Assert.Equal(candidates - first.GetProperty("refused").GetArrayLength(), again.GetProperty("alreadyOpen").GetInt32());
        var byPark = await JsonAsync(await officer.GetAsync("/api/cases?officer=officer:park&limit=1000"), HttpStatusCode.OK);
        Assert.True(byPark.GetProperty("total").GetInt64() >= first.GetProperty("opened").GetInt32());

        var exchanges = await JsonAsync(await officer.GetAsync("/api/imports/exchanges"), HttpStatusCode.OK);
        Assert.Equal(["bithumb", "coinone", "gopax", "korbit", "upbit"], exchanges.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_console_is_served_at_the_root_with_its_chart_library_and_a_content_security_policy()
    {
        using var client = host.Anonymous();
        var index = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await index.Content.ReadAsStringAsync();
        foreach (var script in new[] { "lib/chart.umd.min.js", "console.js" })
        {
            Assert.Contains(script, html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + script)).StatusCode);
        }

        Assert.Contains("MIT", await client.GetStringAsync("/lib/chart.js.LICENSE.md"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page.js")).StatusCode);
    }
}
