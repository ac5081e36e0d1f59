namespace Tracking.Grains.Imports;

/// <summary>What a record from an input file did to its grain.</summary>
public enum RecordOutcome
{
    New,
    Changed,
    Unchanged,
}
