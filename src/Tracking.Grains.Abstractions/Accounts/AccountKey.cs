namespace Tracking.Grains.Accounts;

/// <summary>The grain key of an exchange account.</summary>
public static class AccountKey
{
    public static string Of(string exchange, string accountId) => $"{exchange}/{accountId}";

    public static (string Exchange, string AccountId) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (key[..slash], key[(slash + 1)..]) : throw new ArgumentException($"Account key '{key}' is not exchange/account.");
    }
}
