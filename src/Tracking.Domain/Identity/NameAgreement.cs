namespace Tracking.Domain.Identity;

/// <summary>How two names compare, strongest first.</summary>
public enum NameAgreement
{
    Missing,

    /// <summary>The same name in the same script (Latin token order may be flipped).</summary>
    Exact,

    /// <summary>A Latin spelling that is a customary romanization of the Hangul name.</summary>
    Romanized,

    /// <summary>Within a typo of each other (one jamo in a Hangul name, a letter or two in a Latin one).</summary>
    Near,

    /// <summary>
    /// One part agrees and the other does not: the surname with another given name, or the given
    /// name with another surname (a name replaced in part, a surname changed, or a relative).
    /// </summary>
    Partial,
    Differs,
}
