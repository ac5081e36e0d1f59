namespace Tracking.Domain.Accounts;

/// <summary>What an account holds of one asset: the whole quantity and the part locked in open orders.</summary>
public sealed record Holding(string Asset, decimal Total, decimal Locked);
