namespace Tracking.ExchangeApi;

/// <summary>Where each operation lives under an exchange's base address.</summary>
public static class ExchangeApiPaths
{
    public const string Seizures = "v1/seizures";
    public const string Orders = "v1/orders";
    public const string KrwWithdrawals = "v1/withdraws/krw";
    public const string Releases = "v1/releases";
    public const string Ticker = "v1/ticker";

    public static string Account(string accountId) => $"v1/accounts/{Uri.EscapeDataString(accountId)}";
}
