using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tracking.ExchangeApi;
using Tracking.Grains.Seizures;
using Tracking.TestingHost;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// What an attacker or a careless user sent and the system once took (issue 15), each over real
/// HTTP against a host of its own: refused with a clear 4xx, never a 500, and nothing changed.
/// </summary>
public sealed class HostileInputTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    private const string Taxpayer = "T07-0000001";
    private const long LargestLong = long.MaxValue;
    private const long LedgerMax = 10_000_000_000_000;

    [Fact]
    public async Task Payments_of_the_largest_number_or_beyond_a_ledger_are_refused_and_the_ledger_is_unchanged()
    {
        using var officer = await host.SignInAsync("kim");
        var before = await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK);

        foreach (var (reference, amount) in new[] { ("MAX-1", LargestLong), ("MAX-2", LargestLong), ("OVER", LedgerMax + 1) })
        {
            var refused = await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Taxpayer}/payments", new { reference, amount, source = "bank" }), HttpStatusCode.UnprocessableEntity);
            Assert.Contains("10,000,000,000,000", refused.GetProperty("detail").GetString());
        }

        var longReference = await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Taxpayer}/payments", new { reference = new string('R', 101), amount = 1000, source = "bank" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at most 100", longReference.GetProperty("detail").GetString());

        var after = await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(before.GetProperty("totalReceived").GetInt64(), after.GetProperty("totalReceived").GetInt64());
    }

    [Fact]
    public async Task A_debt_filter_beyond_what_a_ledger_holds_is_400_not_an_overflowed_empty_list()
    {
        using var officer = await host.SignInAsync("kim");
        foreach (var query in new[] { $"maxDebt={LargestLong}", "minDebt=-1", $"minDebt={LedgerMax + 1}" })
        {
            var refused = await JsonAsync(await officer.GetAsync($"/api/cases?{query}"), HttpStatusCode.BadRequest);
            Assert.Contains("maxDebt", refused.GetProperty("detail").GetString());
        }

        await JsonAsync(await officer.GetAsync($"/api/cases?maxDebt={LedgerMax}"), HttpStatusCode.OK);
        var forgedCursor = Convert.ToBase64String(Encoding.UTF8.GetBytes("99999999999999999999999|x"));
        await JsonAsync(await officer.GetAsync($"/api/cases?after={Uri.EscapeDataString(forgedCursor)}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reason_of_20_MB_is_413_and_one_over_2000_characters_is_422_and_neither_enters_the_history()
    {
        using var officer = await host.SignInAsync("park");
        var path = await OpenCaseAsync(officer);
        var before = await JsonAsync(await officer.GetAsync(path), HttpStatusCode.OK);

        officer.DefaultRequestHeaders.ExpectContinue = true;
        var huge = await officer.PostAsync(path + "/cancellation", new StringContent(JsonSerializer.Serialize(new { reason = new string('x', 20 * 1024 * 1024) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.DoesNotContain("   at ", await huge.Content.ReadAsStringAsync());
        var tooLong = await JsonAsync(await officer.PostAsJsonAsync(path + "/cancellation", new { reason = new string('x', 2001) }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at most 2,000", tooLong.GetProperty("detail").GetString());

        var after = await JsonAsync(await officer.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("history").GetArrayLength(), after.GetProperty("history").GetArrayLength());
        Assert.Equal(before.GetProperty("seizure").GetProperty("version").GetInt64(), after.GetProperty("seizure").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Upload_names_that_name_no_file_are_400_and_others_are_recorded_cleaned_and_short()
    {
        using var officer = await host.SignInAsync("kim");
        var imports = await ImportCountAsync(officer);
        foreach (var name in new[] { ".", "..", "../..", "\u202e\u001b" })
        {
            var refused = await JsonAsync(await officer.PostAsync("/api/imports/accounts/upbit", SampleAs("upbit.csv", "file", name)), HttpStatusCode.BadRequest);
            Assert.Contains("file names", refused.GetProperty("detail").GetString());
        }

        Assert.Equal(imports, await ImportCountAsync(officer));

        var odd = "../../etc/\u001b[31m" + new string('가', 300) + "\u202e.csv";
        var record = await JsonAsync(await officer.PostAsync("/api/imports/accounts/upbit", SampleAs("upbit.csv", "file", odd)), HttpStatusCode.OK);
        var recorded = Assert.Single(record.GetProperty("files").EnumerateArray()).GetString()!;
        Assert.True(recorded.Length <= 100 && Encoding.UTF8.GetByteCount(recorded) <= 200, recorded);
        Assert.StartsWith("[31m가가", recorded);
        Assert.EndsWith(".csv", recorded);
        Assert.DoesNotContain('\u001b', recorded);
        Assert.DoesNotContain('\u202e', recorded);
        Assert.DoesNotContain('/', recorded);
    }

    [Fact]
    public async Task An_upload_of_50_MB_is_413_with_the_limit_stated_and_imports_nothing()
    {
        using var officer = await host.SignInAsync("kim");
        var imports = await ImportCountAsync(officer);
        var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[50 * 1024 * 1024]), "file", "upbit.csv" } };
        // A careful client asks before it sends the body; without that, the refusal may arrive as a closed connection mid-upload.
        officer.DefaultRequestHeaders.ExpectContinue = true;
        var response = await officer.PostAsync("/api/imports/accounts/upbit", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        Assert.Equal(imports, await ImportCountAsync(officer));

        using var anonymous = host.Anonymous();
        var document = await JsonAsync(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var upload = document.GetProperty("paths").GetProperty("/api/imports/accounts/{exchange}").GetProperty("post").GetProperty("description").GetString();
        Assert.Contains("33,554,432 bytes", upload);
        Assert.Contains("413", upload);
    }

    [Fact]
    public async Task A_roll_whose_two_files_have_the_same_name_reads_each_file()
    {
        using var officer = await host.SignInAsync("kim");
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, "taxpayers.csv"))), "taxpayers", "roll.csv" },
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, "tax_items.csv"))), "items", "roll.csv" },
        };
        var record = await JsonAsync(await officer.PostAsync("/api/imports/roll", form), HttpStatusCode.OK);
        var summary = record.GetProperty("summary");
        Assert.Equal(host.RollUpload!.Summary.Records, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, summary.GetProperty("new").GetInt32() + summary.GetProperty("changed").GetInt32());
        Assert.Equal(["roll.csv", "roll.csv"], record.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task A_frozen_answer_for_a_pending_request_takes_effect_only_when_signed_by_that_exchange_fresh_and_once()
    {
        using var officer = await host.SignInAsync("park");
        var path = await OpenCaseAsync(officer);
        var caseId = Uri.UnescapeDataString(path["/api/cases/".Length..]);
        var seizure = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISeizureGrain>(caseId);
        var pending = (await seizure.GetIfOpenAsync(CancellationToken.None))!;
        var exchange = pending.Exchange;
        var answer = FrozenAnswer(Assert.Single(pending.PendingRequests).RequestId, exchange, caseId, balance: "71000000");
        var key = CallbackSignature.ExchangeKey(host.CallbackSecret, exchange);
        using var outsider = host.Anonymous();

        // Unsigned, signed with another key, by another exchange, long ago, or not yet: refused alike, and nothing changes.
        var refusals = new[]
        {
            Callback(answer, null, exchange, DateTimeOffset.UtcNow),
            Callback(answer, RandomNumberGenerator.GetBytes(32), exchange, DateTimeOffset.UtcNow),
            Callback(answer, CallbackSignature.ExchangeKey(host.CallbackSecret, "korbit-not"), "korbit-not", DateTimeOffset.UtcNow),
            Callback(answer, key, exchange, DateTimeOffset.UtcNow.AddMinutes(-10)),
            Callback(answer, key, exchange, DateTimeOffset.UtcNow.AddMinutes(10)),
        };
        foreach (var forged in refusals)
        {
            var refused = await outsider.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("not signed by an exchange", await refused.Content.ReadAsStringAsync());
        }

        // Another exchange's own, properly signed answer for this seizure: taken as any answer is, and refused by the seizure.
        var elsewhere = FrozenAnswer(pending.PendingRequests[0].RequestId, "korbit-not", caseId, balance: "71000000");
        Assert.Equal(HttpStatusCode.Accepted, (await outsider.SendAsync(Callback(elsewhere, CallbackSignature.ExchangeKey(host.CallbackSecret, "korbit-not"), "korbit-not", DateTimeOffset.UtcNow))).StatusCode);
        Assert.Equal(pending.Version, (await seizure.GetIfOpenAsync(CancellationToken.None))!.Version);

        // Signed by the seizure's exchange: taken; the very same delivery again is a replay.
        var signed = Callback(answer, key, exchange, DateTimeOffset.UtcNow);
        var replay = await CloneAsync(signed);
        Assert.Equal(HttpStatusCode.Accepted, (await outsider.SendAsync(signed)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await outsider.SendAsync(replay)).StatusCode);
        var taken = (await seizure.GetIfOpenAsync(CancellationToken.None))!;
        Assert.True(taken.Version > pending.Version);
        Assert.Contains(taken.Holdings, h => h.Asset == "KRW" && h.Total == 71_000_000m);
    }

    [Fact]
    public async Task Signed_answers_for_cases_that_exist_or_not_get_the_same_answer_and_bad_numbers_are_400()
    {
        using var officer = await host.SignInAsync("park");
        var caseId = Uri.UnescapeDataString((await OpenCaseAsync(officer))["/api/cases/".Length..]);
        var exchange = caseId.Split('@', '/')[1];
        var key = CallbackSignature.ExchangeKey(host.CallbackSecret, exchange);
        using var outsider = host.Anonymous();

        var known = await outsider.SendAsync(Callback(FrozenAnswer(caseId + "#000000000000.9", exchange, caseId, "1"), key, exchange, DateTimeOffset.UtcNow));
        var unknown = await outsider.SendAsync(Callback(FrozenAnswer("T07-9999999@x/y#000000000000.1", exchange, "T07-9999999@x/y", "1"), key, exchange, DateTimeOffset.UtcNow));
        Assert.Equal((HttpStatusCode.Accepted, ""), (known.StatusCode, await known.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.Accepted, ""), (unknown.StatusCode, await unknown.Content.ReadAsStringAsync()));

        var notANumber = await outsider.SendAsync(Callback(FrozenAnswer(caseId + "#000000000000.1", exchange, caseId, "abc"), key, exchange, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.DoesNotContain("   at ", await notANumber.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Case_answers_show_no_exchange_request_id_to_any_role()
    {
        using var officer = await host.SignInAsync("park");
        var path = await OpenCaseAsync(officer);
        foreach (var user in new[] { "kim", "lee", "choi" })
        {
            using var reader = await host.SignInAsync(user);
            var body = await (await reader.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.Contains("\"history\"", body);
            Assert.DoesNotContain("requestId", body);
            Assert.DoesNotContain("incarnation", body);
        }
    }

    [Fact]
    public async Task A_form_posted_from_another_site_with_the_officer_s_cookie_opens_nothing()
    {
        using var officer = await host.SignInAsync("kim");
        var candidate = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=1"), HttpStatusCode.OK)).GetProperty("items")[0];
        var approval = $"/api/reviews/{candidate.GetProperty("taxpayerId").GetString()}/{candidate.GetProperty("exchange").GetString()}/{candidate.GetProperty("accountId").GetString()}/approval";
        var cases = await CaseCountAsync(officer);

        // As a page on another port or a sibling host would send them: the browser names the origin.
        var forged = new (string Header, string Value)[] { ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"), ("Origin", "http://127.0.0.1:1"), ("Origin", "null") };
        foreach (var (header, value) in forged)
        {
            var form = new HttpRequestMessage(HttpMethod.Post, approval) { Content = new FormUrlEncodedContent([]) };
            form.Headers.TryAddWithoutValidation(header, value);
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.SendAsync(form)).StatusCode);

            var sweep = new HttpRequestMessage(HttpMethod.Post, "/api/sweeps");
            sweep.Headers.TryAddWithoutValidation(header, value);
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.SendAsync(sweep)).StatusCode);

            var upload = new HttpRequestMessage(HttpMethod.Post, "/api/imports/accounts/upbit") { Content = SampleAs("upbit.csv", "file", "upbit.csv") };
            upload.Headers.TryAddWithoutValidation(header, value);
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.SendAsync(upload)).StatusCode);
        }

        // Without any origin, a body only an HTML form would send is refused as well.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await officer.PostAsync(approval, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await officer.PostAsync(approval, new StringContent("x", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(cases, await CaseCountAsync(officer));
        Assert.False((await JsonAsync(await officer.GetAsync("/api/sweeps/current"), HttpStatusCode.OK)).GetProperty("running").GetBoolean());

        // The console's own requests are same-origin, and they go through.
        var same = new HttpRequestMessage(HttpMethod.Post, approval);
        same.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        same.Headers.TryAddWithoutValidation("Origin", host.Address.GetLeftPart(UriPartial.Authority));
        await JsonAsync(await officer.SendAsync(same), HttpStatusCode.OK);
        Assert.Equal(cases + 1, await CaseCountAsync(officer));
    }

    [Fact]
    public async Task Unknown_ids_are_404_from_the_store_and_leave_no_grain_behind_and_absurd_ones_are_400()
    {
        using var officer = await host.SignInAsync("kim");
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var random = new Random(15);
        for (var i = 0; i < 100; i++)
        {
            var taxpayer = $"T07-{random.Next():D10}";
            var caseId = $"{taxpayer}@upbit/UP{random.Next()}";
            foreach (var path in new[] { $"/api/cases/{Uri.EscapeDataString(caseId)}", $"/api/taxpayers/{taxpayer}", $"/api/reviews/{taxpayer}/upbit/UP1" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(path)).StatusCode);
            }

            // A payment naming nobody is held in suspense: no ledger is opened for it.
            Assert.Equal(HttpStatusCode.Accepted, (await officer.PostAsJsonAsync($"/api/taxpayers/{taxpayer}/payments", new { reference = "P-" + i, amount = 1000, source = "bank" })).StatusCode);
            Assert.Null(await management.GetActivationAddress(grains.GetGrain<ISeizureGrain>(caseId)));
            Assert.Null(await management.GetActivationAddress(grains.GetGrain<Grains.Taxpayers.ITaxpayerGrain>(taxpayer)));
        }

        var absurd = new string('x', 4000);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync($"/api/cases/{absurd}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync($"/api/taxpayers/{absurd}")).StatusCode);

        // Ids of a shape nothing is stored under: 400 before the store is asked.
        foreach (var path in new[] { "/api/taxpayers/T07%20000", "/api/taxpayers/..%2F..", "/api/cases/T07-0000001", "/api/cases/" + Uri.EscapeDataString("T07-0000001@up bit/UP1"), "/api/reviews/T07-0000001/up%40bit/UP1", "/api/suspense/P%201", "/api/taxpayers/" + new string('9', 41) })
        {
            var refused = await JsonAsync(await officer.GetAsync(path), HttpStatusCode.BadRequest);
            Assert.Contains("letters, digits", refused.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_payment_for_a_taxpayer_not_on_the_roll_waits_in_suspense_until_an_officer_books_it_to_one_or_returns_it()
    {
        using var officer = await host.SignInAsync("kim");
        using var auditor = await host.SignInAsync("choi");
        const string Nobody = "T07-9999990";
        var before = await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK);

        // Held, not booked; the same payment again holds it once; the same reference for another payment is refused.
        var held = await officer.PostAsJsonAsync($"/api/taxpayers/{Nobody}/payments", new { reference = "SUS-1", amount = 250_000, source = "bank" });
        var entry = await JsonAsync(held, HttpStatusCode.Accepted);
        Assert.Equal(("Open", Nobody, 250_000L), (entry.GetProperty("status").GetString(), entry.GetProperty("namedTaxpayerId").GetString(), entry.GetProperty("amount").GetInt64()));
        Assert.Equal("/api/suspense/SUS-1", held.Headers.Location?.OriginalString);
        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Nobody}/payments", new { reference = "SUS-1", amount = 250_000, source = "bank" }), HttpStatusCode.Accepted);
        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Nobody}/payments", new { reference = "SUS-1", amount = 1, source = "bank" }), HttpStatusCode.UnprocessableEntity);
        await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Nobody}"), HttpStatusCode.NotFound);
        var row = await JsonAsync(await auditor.GetAsync("/api/suspense/SUS-1"), HttpStatusCode.OK);
        Assert.Equal(("Open", 250_000L, "entered by officer:kim"), (row.GetProperty("status").GetString(), row.GetProperty("amount").GetInt64(), row.GetProperty("origin").GetString()));
        var open = await JsonAsync(await officer.GetAsync("/api/suspense?status=Open&limit=1000"), HttpStatusCode.OK);
        Assert.Single(open.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == "SUS-1");

        // Who may resolve it, and to whom: not an auditor, not to someone off the roll, not without a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/suspense/SUS-1/assignment", new { taxpayerId = Taxpayer, reason = "x" })).StatusCode);
        await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/SUS-1/assignment", new { taxpayerId = "T07-9999991", reason = "typo" }), HttpStatusCode.UnprocessableEntity);
        await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/SUS-1/assignment", new { taxpayerId = Taxpayer, reason = "" }), HttpStatusCode.UnprocessableEntity);
        await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/NO-SUCH/assignment", new { taxpayerId = Taxpayer, reason = "x" }), HttpStatusCode.NotFound);
        Assert.Equal("Open", (await JsonAsync(await officer.GetAsync("/api/suspense/SUS-1"), HttpStatusCode.OK)).GetProperty("status").GetString());

        // Booked once to the taxpayer it is assigned to, however often the assignment is sent; never to a second one, never returned after.
        for (var i = 0; i < 2; i++)
        {
            var booked = await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/SUS-1/assignment", new { taxpayerId = Taxpayer, reason = "the bank slip names T07-0000001" }), HttpStatusCode.OK);
            Assert.Equal(("Booked", Taxpayer, "officer:kim"), (booked.GetProperty("status").GetString(), booked.GetProperty("assignedTo").GetString(), booked.GetProperty("resolvedBy").GetString()));
        }

        await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/SUS-1/assignment", new { taxpayerId = "T07-0000002", reason = "second thoughts" }), HttpStatusCode.UnprocessableEntity);
        await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/SUS-1/return", new { reason = "second thoughts" }), HttpStatusCode.UnprocessableEntity);
        var after = await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("totalReceived").GetInt64() + 250_000, after.GetProperty("totalReceived").GetInt64());

        // Once held, a payment is resolved in suspense only: sent again for someone on the roll, it is refused, never booked beside it.
        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Nobody}/payments", new { reference = "SUS-3", amount = 7_000, source = "bank" }), HttpStatusCode.Accepted);
        var again = await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Taxpayer}/payments", new { reference = "SUS-3", amount = 7_000, source = "bank" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("already held for T07-9999990", again.GetProperty("detail").GetString());
        Assert.Equal(after.GetProperty("totalReceived").GetInt64(), (await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK)).GetProperty("totalReceived").GetInt64());

        // Returned to the payer: then it can be booked to no one.
        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Nobody}/payments", new { reference = "SUS-2", amount = 5_000, source = "bank" }), HttpStatusCode.Accepted);
        var returned = await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/SUS-2/return", new { reason = "nobody on the roll paid this" }), HttpStatusCode.OK);
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/SUS-2/assignment", new { taxpayerId = Taxpayer, reason = "x" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(after.GetProperty("totalReceived").GetInt64(), (await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK)).GetProperty("totalReceived").GetInt64());
    }

    [Fact]
    public async Task A_suspended_payment_the_ledger_refuses_is_open_again_not_stuck_half_assigned()
    {
        using var officer = await host.SignInAsync("kim");
        const string NearlyFull = "T07-0000006";
        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{NearlyFull}/payments", new { reference = "FILL-1", amount = LedgerMax - 5_000, source = "bank" }), HttpStatusCode.OK);
        await JsonAsync(await officer.PostAsJsonAsync("/api/taxpayers/T07-9999993/payments", new { reference = "BIG-1", amount = 10_000, source = "bank" }), HttpStatusCode.Accepted);

        var refused = await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/BIG-1/assignment", new { taxpayerId = NearlyFull, reason = "their bank slip" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("10,000,000,000,000", refused.GetProperty("detail").GetString());

        var row = await JsonAsync(await officer.GetAsync("/api/suspense/BIG-1"), HttpStatusCode.OK);
        Assert.Equal("Open", row.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("assignedTo").ValueKind);
        var returned = await JsonAsync(await officer.PostAsJsonAsync("/api/suspense/BIG-1/return", new { reason = "the ledger cannot take it; back to the bank" }), HttpStatusCode.OK);
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_officers_assigning_one_suspended_payment_to_two_taxpayers_at_once_book_it_once()
    {
        using var kim = await host.SignInAsync("kim");
        using var park = await host.SignInAsync("park");
        string[] taxpayers = ["T07-0000003", "T07-0000004"];
        for (var round = 0; round < 5; round++)
        {
            var reference = $"RACE-{round}";
            await JsonAsync(await kim.PostAsJsonAsync($"/api/taxpayers/T07-9999992/payments", new { reference, amount = 10_000, source = "bank" }), HttpStatusCode.Accepted);
            var received = await Task.WhenAll(taxpayers.Select(async t => (await JsonAsync(await kim.GetAsync($"/api/taxpayers/{t}"), HttpStatusCode.OK)).GetProperty("totalReceived").GetInt64()));

            var answers = await Task.WhenAll(
                kim.PostAsJsonAsync($"/api/suspense/{reference}/assignment", new { taxpayerId = taxpayers[0], reason = "kim's finding" }),
                park.PostAsJsonAsync($"/api/suspense/{reference}/assignment", new { taxpayerId = taxpayers[1], reason = "park's finding" }));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity], answers.Select(a => a.StatusCode).Order());
            var now = await Task.WhenAll(taxpayers.Select(async t => (await JsonAsync(await kim.GetAsync($"/api/taxpayers/{t}"), HttpStatusCode.OK)).GetProperty("totalReceived").GetInt64()));
            Assert.Equal(received.Sum() + 10_000, now.Sum());
        }
    }

    [Fact]
    public async Task A_session_cookie_replayed_after_signing_out_is_refused()
    {
        var jar = new CookieContainer();
        using var officer = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = host.Address };
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync("/api/session", new { name = "park", password = "park" })).StatusCode);
        var cookie = jar.GetCookieHeader(host.Address);
        Assert.NotEmpty(cookie);

        Assert.Equal(HttpStatusCode.NoContent, (await officer.DeleteAsync("/api/session")).StatusCode);

        using var replayer = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.Address };
        var replay = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
        replay.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replayer.SendAsync(replay)).StatusCode);
    }

    [Fact]
    public async Task The_keys_that_sign_session_cookies_are_in_the_store_every_silo_reads()
    {
        using var officer = await host.SignInAsync("kim");
        var views = host.Services.GetRequiredService<Grains.TrackingContext>().Views;

        var keys = await views.QueryAsync(new Storage.Views.ViewQuery(Access.StoreXmlRepository.View, Access.StoreXmlRepository.AtField), CancellationToken.None);

        var key = JsonDocument.Parse(Assert.Single(keys.Documents)).RootElement;
        Assert.StartsWith("<key ", key.GetProperty("xml").GetString());
    }

    private static object FrozenAnswer(string requestId, string exchange, string caseId, string balance) => new
    {
        request_id = requestId,
        exchange,
        case_reference = caseId,
        outcome = "frozen",
        balances = new[] { new { currency = "KRW", balance, locked = "0", avg_buy_price = "0", unit_currency = "KRW" } },
    };

    /// <summary>A delivery of <paramref name="answer"/> as an exchange posts it, signed with <paramref name="key"/> unless null.</summary>
    private static HttpRequestMessage Callback(object answer, byte[]? key, string exchange, DateTimeOffset sentAt)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(answer);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/exchange-callbacks") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (key is not null)
        {
            CallbackSignature.Sign(request, key, exchange, sentAt, body);
        }

        return request;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new ByteArrayContent(await request.Content!.ReadAsByteArrayAsync()) };
        copy.Content.Headers.ContentType = request.Content.Headers.ContentType;
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        return copy;
    }

    /// <summary>A case opened from a review candidate, as its path under /api/cases.</summary>
    private static async Task<string> OpenCaseAsync(HttpClient officer)
    {
        var candidate = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=1"), HttpStatusCode.OK)).GetProperty("items")[0];
        var opened = await JsonAsync(
            await officer.PostAsync($"/api/reviews/{candidate.GetProperty("taxpayerId").GetString()}/{candidate.GetProperty("exchange").GetString()}/{candidate.GetProperty("accountId").GetString()}/approval", null),
            HttpStatusCode.OK);
        return "/api/cases/" + Uri.EscapeDataString(opened.GetProperty("seizure").GetProperty("seizureId").GetString()!);
    }

    private static async Task<long> CaseCountAsync(HttpClient client) =>
        (await JsonAsync(await client.GetAsync("/api/cases?limit=1"), HttpStatusCode.OK)).GetProperty("total").GetInt64();

    private static async Task<long> ImportCountAsync(HttpClient client) =>
        (await JsonAsync(await client.GetAsync("/api/imports?limit=1"), HttpStatusCode.OK)).GetProperty("total").GetInt64();

    private static MultipartFormDataContent SampleAs(string sample, string field, string fileName)
    {
        var file = new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, sample)));
        // Set by hand: MultipartFormDataContent would quote and encode the name as a browser does not.
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{field}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}");
        return new MultipartFormDataContent { file };
    }
}
