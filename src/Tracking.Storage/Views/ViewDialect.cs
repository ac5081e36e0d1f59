namespace Tracking.Storage.Views;

/// <summary>Where a store's SQL for views differs from the common subset PostgreSQL and SQLite share.</summary>
/// <param name="Document">How a JSON text parameter becomes the stored document (PostgreSQL: a cast to jsonb).</param>
/// <param name="SerializeSchemaChanges">A statement run first in the transaction that creates indexes, so silos starting together take turns; null where one process owns the store.</param>
/// <param name="SchemaChangeTimeout">The index statements' command timeout in seconds (0: none), where it is not the connection's: building an index over a national store, or waiting for another silo's build, takes what it takes.</param>
public sealed record ViewDialect(Func<string, string> Document, string? SerializeSchemaChanges, int? SchemaChangeTimeout);
