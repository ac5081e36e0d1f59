namespace Tracking.Domain.Ledger;

/// <summary>Money a seizure has received for this taxpayer and not yet distributed: it covers the debt for every other seizure.</summary>
public sealed record HeldProceeds(string SeizureId, string Reference, long Amount);
