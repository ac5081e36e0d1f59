namespace Tracking.Grains.Seizures;

/// <summary>A seizure's id: one per taxpayer × exchange account, so opening it twice opens one seizure.</summary>
public static class SeizureKey
{
    public static string Of(string taxpayerId, string exchange, string accountId) => $"{taxpayerId}@{exchange}/{accountId}";
}
