namespace Tracking.Grains.Imports;

/// <summary>What a record from an input file did to its grain.</summary>
[GenerateSerializer, Alias("record-outcome")]
public enum RecordOutcome
{
    New,
    Changed,
    Unchanged,
}
