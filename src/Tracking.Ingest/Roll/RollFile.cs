using Tracking.Domain.Ledger;
using Tracking.Domain.Taxpayers;
using Tracking.Ingest.Files;

namespace Tracking.Ingest.Roll;

/// <summary>A taxpayer roll: taxpayers, their tax items, and what was wrong with the rows of both files.</summary>
public sealed record RollFile(
    IReadOnlyList<TaxpayerProfile> Taxpayers,
    IReadOnlyDictionary<string, IReadOnlyList<TaxItem>> TaxItems,
    IReadOnlyList<RowProblem> Problems,
    int Rows);
