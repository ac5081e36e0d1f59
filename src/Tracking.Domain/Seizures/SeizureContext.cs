namespace Tracking.Domain.Seizures;

/// <summary>
/// What a seizure decision may depend on besides its own state: the time, who acts, current
/// prices, and the taxpayer's outstanding debt less money other seizures hold for it and what they
/// are collecting (<paramref name="DebtToCover"/>); the seizure itself subtracts what it holds.
/// <paramref name="DebtNotInHand"/> is the same debt without what others are only collecting:
/// what stays owed if their sales bring nothing.
/// </summary>
public sealed record SeizureContext(DateTimeOffset Now, string Actor, long DebtToCover, long DebtNotInHand, IReadOnlyDictionary<string, decimal> Prices)
{
    /// <summary>The actor of steps the system takes by itself (deadlines, exchange answers).</summary>
    public const string SystemActor = "system";
}
