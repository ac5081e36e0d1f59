namespace Tracking.Domain.Matching.Weights;

/// <summary>How common an agreeing name is, for the officer reading why it weighs what it does.</summary>
/// <param name="Share">The share of taxpayers bearing it; for a rare name, the most it can be.</param>
/// <param name="Rare">Whether the model does not list the name (too rare to be measured, or beyond the commonest it keeps), so <paramref name="Share"/> is a bound.</param>
/// <param name="Bits">How far it moves the name level's weight from that of a name of average commonness.</param>
public sealed record NameFrequency(double Share, bool Rare, double Bits);
