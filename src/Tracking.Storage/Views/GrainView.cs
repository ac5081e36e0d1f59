namespace Tracking.Storage.Views;

/// <summary>
/// A read-model row a grain keeps: written in the same transaction as the state it is derived
/// from, so lists and searches never disagree with the grains. <paramref name="Document"/> is
/// serialized with the read models' JSON options (camelCase, as lists return them).
/// </summary>
public sealed record GrainView(string View, string Key, object Document);
