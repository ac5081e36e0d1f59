using System.Net;
using System.Text;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// What a silo exports over OTLP while officers work (uploads, a sweep, cases moving with the
/// exchange simulator, reads of cases and evidence): spans, metrics and logs arrive at the collector,
/// and no name, phone or resident registration number of the roll is in any of it.
/// </summary>
public sealed class TelemetryExportTests(ConsoleWithTelemetry host) : IClassFixture<ConsoleWithTelemetry>
{
    [Fact]
    public async Task Exported_spans_metrics_and_logs_arrive_and_hold_no_personal_data()
    {
        string taxpayerId;
        using (var officer = await host.SignInAsync("kim"))
        {
            var review = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=1"), HttpStatusCode.OK)).GetProperty("items")[0];
            taxpayerId = review.GetProperty("taxpayerId").GetString()!;
            var path = $"/api/reviews/{taxpayerId}/{review.GetProperty("exchange").GetString()}/{review.GetProperty("accountId").GetString()}";
            await JsonAsync(await officer.GetAsync(path), HttpStatusCode.OK);
            var opened = await JsonAsync(await officer.PostAsync(path + "/approval", null), HttpStatusCode.OK);
            await JsonAsync(await officer.GetAsync("/api/cases/" + Uri.EscapeDataString(opened.GetProperty("seizure").GetProperty("seizureId").GetString()!)), HttpStatusCode.OK);
            await JsonAsync(await officer.GetAsync("/api/taxpayers/" + review.GetProperty("taxpayerId").GetString()), HttpStatusCode.OK);
        }

        await host.StopAsync();
        var received = host.Collector.Received;
        Assert.Contains(received, r => r.Signal == "traces");
        Assert.Contains(received, r => r.Signal == "metrics");
        var logs = received.Where(r => r.Signal == "logs").SelectMany(r => OtlpLogRecords.Read(r.Body)).ToArray();

        // Log records go out too, and one written in a grain call carries that call's trace id.
        Assert.Contains(logs, l => l.Body.StartsWith("Silo running on", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Body.StartsWith("Sweep {Run} started", StringComparison.Ordinal) && l.HasTraceId);
        var exported = Encoding.UTF8.GetString(received.SelectMany(r => r.Body).ToArray());
        Assert.Contains("ITaxpayerGrain/GetAsync", exported, StringComparison.Ordinal);
        Assert.Contains("tracking.storage.writes", exported, StringComparison.Ordinal);
        Assert.Contains("exchange SeizureNotice", exported, StringComparison.Ordinal);
        Assert.Contains("tracking.exchange.requests", exported, StringComparison.Ordinal);

        // The scan sees what requests carried (the HTTP server's spans name the paths, which hold
        // the taxpayer's id, not personal data): a name in a tag would be seen the same way.
        Assert.Contains(taxpayerId, exported, StringComparison.Ordinal);

        // The roll's personal data, field by field; the values are never printed.
        var leaks = RollPersonalData.Values().Where(value => exported.Contains(value, StringComparison.Ordinal)).ToArray();
        Assert.True(leaks.Length == 0, $"{leaks.Length} names, phones or registration numbers of the roll are in the exported telemetry");
    }
}
