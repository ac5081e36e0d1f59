namespace Tracking.Storage.Views;

/// <summary>Where a store's SQL for views differs from the common subset PostgreSQL and SQLite share.</summary>
/// <param name="Document">How a JSON text parameter becomes the stored document (PostgreSQL: a cast to jsonb).</param>
/// <param name="SerializeSchemaChanges">A statement run first in the transaction that creates indexes, so silos starting together take turns; null where one process owns the store.</param>
public sealed record ViewDialect(Func<string, string> Document, string? SerializeSchemaChanges);
