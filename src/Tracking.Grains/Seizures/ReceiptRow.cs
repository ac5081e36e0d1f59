using Tracking.Domain.Seizures;
using Tracking.Storage.Views;
using Tracking.Domain;

namespace Tracking.Grains.Seizures;

/// <summary>Money a seizure brought in, for "won collected over time": the <see cref="View"/> row per receipt.</summary>
public sealed record ReceiptRow(string SeizureId, string Exchange, long Amount, long Received, string Day)
{
    public const string View = "receipts";

    public static readonly ViewField ReceivedField = ViewField.Number("received");
    public static readonly ViewField DayField = ViewField.Text("day");
    public static readonly ViewField AmountField = ViewField.Number("amount");

    public static ViewDefinition Definition { get; } = new(View, ReceivedField, [DayField]);

    /// <summary>The day is the office's (KST), as the collection division counts it.</summary>
    public static ReceiptRow Of(Seizure seizure, ProceedsReceipt receipt) => new(
        seizure.SeizureId,
        seizure.Exchange,
        receipt.Amount,
        receipt.ReceivedAt.ToUnixTimeSeconds(),
        KoreaTime.DayOf(receipt.ReceivedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
