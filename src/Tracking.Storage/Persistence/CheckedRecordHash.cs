namespace Tracking.Storage.Persistence;

/// <summary>
/// A record's hash (<see cref="StateWrite.RecordHash"/>) for a grain whose state at <paramref name="Version"/>
/// was read and found to take the record as no change: valid for as long as that version is the grain's.
/// </summary>
public readonly record struct CheckedRecordHash(GrainKey Grain, long Version, long Hash);
