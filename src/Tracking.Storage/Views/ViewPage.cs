namespace Tracking.Storage.Views;

/// <summary>A page of documents, the cursor of the next page (null on the last) and how many rows matched when the first page was read (counted once per list, carried in the cursor).</summary>
public sealed record ViewPage(IReadOnlyList<string> Documents, string? Next, long Total);
