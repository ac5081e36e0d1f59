namespace Tracking.ExchangeApi;

/// <summary>Where each operation lives under an exchange's base address.</summary>
public static class ExchangeApiPaths
{
    public const string Seizures = "v1/seizures";
    public const string Orders = "v1/orders";
    public const string KrwWithdrawals = "v1/withdraws/krw";
    public const string Releases = "v1/releases";
    public const string Ticker = "v1/ticker";

    /// <summary>An account's balances; a route template with <c>{accountId}</c>.</summary>
    public const string Account = "v1/accounts/{accountId}";
}
