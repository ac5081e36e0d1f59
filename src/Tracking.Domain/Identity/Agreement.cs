namespace Tracking.Domain.Identity;

/// <summary>How one field of two records compares.</summary>
public enum Agreement
{
    /// <summary>One side or both has no value: no evidence either way.</summary>
    Missing,
    Agrees,

    /// <summary>Close enough to be a typo of the same value.</summary>
    Near,
    Differs,
}
