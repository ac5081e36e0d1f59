namespace Tracking.Storage.Views;

/// <summary>One group of an aggregate: its key values as text (null where the field is missing), its row count and its sums.</summary>
public sealed record ViewGroup(IReadOnlyList<string?> Keys, long Count, IReadOnlyList<long> Sums);
