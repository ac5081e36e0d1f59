namespace Tracking.Grains.Taxpayers;

public enum ReviewState
{
    Open,
    Approved,
    Rejected,
}
