namespace Tracking.Domain.Seizures;

/// <summary>
/// Why a step was taken, as recorded in the history: in English and in Korean, the office's
/// language. What a person typed stands as typed, in both.
/// </summary>
public sealed record Said(string English, string Korean)
{
    public static Said Typed(string text) => new(text, text);
}
