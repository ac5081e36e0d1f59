namespace Tracking.Storage.Views;

/// <summary>One row of a read model: a JSON document under a key unique within its view.</summary>
public sealed record ViewRow(string View, string Key, string Json);
