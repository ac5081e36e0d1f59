namespace Tracking.Storage.Persistence;

/// <summary>Whether a grain is stored, and the record hash of its current version (<see cref="StateWrite.RecordHash"/>; null when no record's taking wrote it).</summary>
public readonly record struct StoredRecordHash(bool Stored, long? Hash);
