using Tracking.Runtime;

namespace Tracking.Grains.Seizures;

/// <summary>One seizure of one exchange account for one taxpayer; keyed by <see cref="SeizureKey"/>.</summary>
public interface ISeizureGrain : IGrain;
