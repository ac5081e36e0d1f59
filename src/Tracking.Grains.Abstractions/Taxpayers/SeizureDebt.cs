namespace Tracking.Grains.Taxpayers;

/// <summary>
/// The debt a seizure answers for: <paramref name="ToCover"/> is what the taxpayer owes less the
/// money other seizures hold and what they are collecting; <paramref name="NotInHand"/> the same
/// without what they are only collecting (what stays owed if their sales bring nothing).
/// </summary>
[GenerateSerializer, Immutable, Alias("seizure-debt")]
public sealed record SeizureDebt(long ToCover, long NotInHand);
