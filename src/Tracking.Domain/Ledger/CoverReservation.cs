namespace Tracking.Domain.Ledger;

/// <summary>Debt a seizure is collecting right now (a remittance or sale under way): no other seizure collects it too.</summary>
public sealed record CoverReservation(string SeizureId, long Amount);
