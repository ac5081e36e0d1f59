using static Tracking.LoadTests.Office.OfficeEndpoints;

namespace Tracking.LoadTests.Office;

/// <summary>A payment to record on a simulated day: a share of what the taxpayer owes then (none: a taxpayer not on the roll, 10,000 won).</summary>
internal sealed record ScheduledPayment(string TaxpayerId, double Share, int Day);

/// <summary>A payment the API answered as booked to the taxpayer's ledger.</summary>
internal sealed record BookedPayment(string TaxpayerId, string Reference);

/// <summary>
/// Officers recording taxpayers' payments as they fall due: the taxpayer looked up for what they
/// owe, then the payment entered; a payment for someone not on the roll goes to suspense.
/// </summary>
internal sealed class PaymentDesk(OfficeDesk desk, OfficeMonth month, int desks, string references)
{
    private const long UnknownPayerAmount = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentQueue<BookedPayment> _booked = new();
    private int _sequence;

    public IReadOnlyCollection<BookedPayment> Booked => _booked;

    public async Task RunAsync(IReadOnlyList<ScheduledPayment> schedule, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var day in schedule.GroupBy(p => p.Day).OrderBy(g => g.Key))
            {
                await month.UntilAsync(day.Key, cancellationToken);
                await Parallel.ForEachAsync(day, new ParallelOptions { MaxDegreeOfParallelism = desks, CancellationToken = cancellationToken }, PayAsync);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask PayAsync(ScheduledPayment payment, CancellationToken cancellationToken)
    {
        var amount = UnknownPayerAmount;
        if (payment.Share > 0)
        {
            if (await desk.GetAsync(Taxpayer, "/api/taxpayers/" + payment.TaxpayerId, cancellationToken) is not { } taxpayer
                || (long)(taxpayer.GetProperty("outstanding").GetInt64() * payment.Share) is var share && share <= 0)
            {
                return;
            }

            amount = share;
        }

        var reference = $"{references}-{Interlocked.Increment(ref _sequence):D6}";
        var answer = await desk.PostAsync(Payment, $"/api/taxpayers/{payment.TaxpayerId}/payments", new { reference, amount, source = "가상계좌 입금" }, cancellationToken);
        if (answer is { } receipt && receipt.TryGetProperty("allocations", out _))
        {
            _booked.Enqueue(new BookedPayment(payment.TaxpayerId, reference));
        }
    }
}
